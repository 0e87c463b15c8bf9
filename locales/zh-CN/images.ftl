# (filled as this area's messages move into the catalogue)
