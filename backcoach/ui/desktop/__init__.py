"""The desktop's services: single instance (and later MPRIS, inhibit, notifications)."""
