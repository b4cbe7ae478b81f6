"""The policy's rules, one module per family. Each family is a function from the clock's `Context` to the
obligations it raises; `opendsr.policy.clock` runs them in order (the ICS oversight panel last, because it
looks at how the C(E)TR obligations before it were met)."""

from opendsr.policy import compiled as _compiled

_compiled.use(__path__, "rules")
