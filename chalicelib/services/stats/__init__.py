"""Platform statistics (issue 13): the admin home's dashboard and the counters' backfill."""
