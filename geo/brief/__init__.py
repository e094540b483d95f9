"""Briefing pack and data exports of the Corridor Explorer, made on the server from the same layers and queries as
the screen, offline.

- ``pack``: one focus, radius and year gathered once (the explorer's screen, sources, vintage, share link)
- ``mapdata``: the map's layers as GeoDataFrames in the focus's own equidistant projection
- ``mapplot``: the map drawn with matplotlib (vector), with its legend and credits
- ``layout``: a small text flow for Letter-landscape pages (wrapping, tables, page breaks)
- ``document``: the PDF pack and the map page as PNG
- ``exports``: GeoJSON and GeoParquet of what the buffer holds, each carrying its provenance
"""
