"""The runner's side: run files in, runs, training load and shoe mileage out.

Pure Python, no Qt (a test enforces it). Files are read with the libraries made for
them (fitdecode, gpxpy, defusedxml) after a size cap, into ``Activity`` records; no
GPS track is kept. The store side (``store``) writes them into the history file.
"""
