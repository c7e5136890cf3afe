"""RFM analysis (SPEC §5): pure pandas/numpy, no AWS."""
