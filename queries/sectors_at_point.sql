-- The Border Patrol sector at a point ($lon, $lat in WGS84): the polygon containing it, else the nearest within 2 km (crossings on the river sit just outside the generalised county outlines); no row when none is that close.
WITH point AS (SELECT ST_Point($lon, $lat) AS geometry),
candidates AS (
    SELECT s.sector,
           s.sector_order,
           s.counties,
           s.approximation_note,
           s.area_basis,
           -- metres in NAD83 / Conus Albers (EPSG:5070), as the build's port check
           ST_Distance(ST_Transform(s.geometry, 'EPSG:4326', 'EPSG:5070', always_xy := true),
                       ST_Transform(p.geometry, 'EPSG:4326', 'EPSG:5070', always_xy := true)) / 1000 AS distance_km
    FROM sectors AS s, point AS p
    WHERE ST_DWithin(s.geometry, p.geometry, 0.05)  -- cheap pre-filter: 0.05° is more than 2 km here
)
SELECT sector,
       sector_order,
       counties,
       approximation_note,
       area_basis,
       distance_km,
       CASE WHEN distance_km = 0 THEN 'inside' ELSE 'nearest within 2 km' END AS match
FROM candidates
WHERE distance_km <= 2.0
ORDER BY distance_km, sector_order
LIMIT 1
