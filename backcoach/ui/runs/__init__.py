"""The Qt side of the runner's side: the Runs page's cards, its dialogs, the importer."""
