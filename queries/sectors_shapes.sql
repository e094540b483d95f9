-- The nine southwest Border Patrol sectors (border-county approximation; the real areas reach far inland), simplified, as GeoJSON, west to east.
SELECT sector,
       sector_order,
       counties,
       county_count,
       approximation_note,
       area_basis,
       tooltip,
       ST_AsGeoJSON(ST_ReducePrecision(ST_SimplifyPreserveTopology(geometry, $tolerance), 0.001)) AS geojson
FROM sectors
ORDER BY sector_order
