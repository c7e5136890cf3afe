"""Vectorised cell cleaning for imports.

Each parser takes a column of raw cells (numpy object array or Series: str from CSV;
str/float/bool/datetime/date from xlsx; JSON scalars from the bulk API) and returns the clean
values plus `Problems` (message -> bool mask of the rows it applies to). Fast paths look at a
whole column at once (one joined string, one exact date format, one float conversion); only
the rows they reject go through the slower, more forgiving parsing.
"""
