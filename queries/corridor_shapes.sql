-- Corridors as explorer foci: their schematic lines as WKT, with their id and name (the label's words are added where it is shown).
SELECT 'corridor' AS kind, lower(corridor_id) AS key, corridor_id || ' ' || name AS name,
       ST_AsText(geometry) AS wkt
FROM corridors
ORDER BY corridor_id
