"""Map kit for pydeck and folium: offline basemap, palettes, legends, Leaflet assets, and one module per map."""
