"""Importing customer and order files: uploads and ERP drops, the queue, the lease, the run and its report."""
