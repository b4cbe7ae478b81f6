"""How each person is written to and spoken with: their communication needs (easy read, large print, an
interpreter, how they like to be contacted), which choose the version of every letter, and the log of every
letter, email and phone call about them."""
