"""Pure statistics helpers (issue 13): China days and growth series from maintained daily counters."""
