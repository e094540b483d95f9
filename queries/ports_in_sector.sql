-- Ports of entry in a Border Patrol sector ($sector, its CBP name; '' = every sector, one call for a page that needs them all), west to east: ports whose point lies in its border-county polygon, or within 2 km of it and nearer to it than to any other; with the curated table's own usbp_sector beside it.
WITH distances AS (
    SELECT p.port_key,
           s.sector,
           s.sector_order,
           ST_Distance(ST_Transform(s.geometry, 'EPSG:4326', 'EPSG:5070', always_xy := true),
                       ST_Transform(p.geometry, 'EPSG:4326', 'EPSG:5070', always_xy := true)) / 1000 AS distance_km
    FROM ports AS p
    JOIN sectors AS s ON ST_DWithin(s.geometry, p.geometry, 0.05)  -- cheap pre-filter: 0.05° is more than 2 km here
),
nearest AS (
    SELECT port_key, sector, distance_km
    FROM distances
    WHERE distance_km <= 2.0
    QUALIFY row_number() OVER (PARTITION BY port_key ORDER BY distance_km, sector_order) = 1
)
SELECT p.port_key,
       p.port_code,
       p.port_name,
       p.us_state,
       p.us_city,
       p.mx_city,
       p.mx_state,
       p.crossing_count,
       p.has_bts_data,
       p.lon,
       p.lat,
       n.sector,
       n.distance_km,
       CASE WHEN n.distance_km = 0 THEN 'inside' ELSE 'nearest within 2 km' END AS match,
       p.usbp_sector AS curated_sector,
       p.usbp_sector = n.sector AS agrees_with_curated
FROM nearest AS n
JOIN ports AS p USING (port_key)
WHERE $sector = '' OR n.sector = $sector
ORDER BY p.lon
