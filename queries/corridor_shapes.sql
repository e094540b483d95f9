-- Corridors as explorer foci: their schematic lines as WKT, with a label.
SELECT 'corridor' AS kind, lower(corridor_id) AS key, corridor_id || ' ' || name || ' (corridor)' AS label,
       ST_AsText(geometry) AS wkt
FROM corridors
ORDER BY corridor_id
