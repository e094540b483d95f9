-- Every focus the explorer accepts besides presets: ports (points), sectors (polygons), as WKT, with a name (the label's words, such as "sector", are added where it is shown).
SELECT 'port' AS kind, port_code AS key, port_name || ' – ' || mx_city AS name, ST_AsText(geometry) AS wkt
FROM ports
WHERE port_code IS NOT NULL
UNION ALL
SELECT 'sector' AS kind, lower(replace(sector, ' ', '-')) AS key, sector AS name,
       ST_AsText(geometry) AS wkt
FROM sectors
ORDER BY kind, key
