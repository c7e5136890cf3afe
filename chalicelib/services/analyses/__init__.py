"""RFM analyses: running and saving them, the saved ones, comparisons, reports, class updates and the monthly run."""
