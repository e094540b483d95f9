-- Corridor lines $ids as GeoJSON with their tooltip text.
SELECT corridor_id, name, direction, confidence, tooltip, ST_AsGeoJSON(geometry) AS geojson
FROM corridors
WHERE list_contains(CAST($ids AS VARCHAR[]), corridor_id)
ORDER BY corridor_id
