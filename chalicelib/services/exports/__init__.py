"""Large exports (analysis and comparison workbooks, call lists, the customer list) as jobs with a link."""
