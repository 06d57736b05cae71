"""The desktop's services: notifications, the login presence, autostart (see DESIGN.md)."""
