"""The public front door's pages: each ICB's pages (`pages`), the self-referral's question pages
(`self_referral`), a professional's referral (`professional`), and the DSR lead's settings (`lead`)."""
