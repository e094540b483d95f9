-- Ports of entry a deployment covers, west to east: border-wide → all; a state polygon → the ports whose nearest state of that country (within 2 km: crossings sit on the line) is it; a city/site/region point → the ports within $radius_km of it. Metres in NAD83 / Conus Albers (EPSG:5070).
WITH deployment AS (
    SELECT scope,
           country,
           state_key,
           geometry IS NOT NULL AS located,
           ST_Transform(geometry, 'EPSG:4326', 'EPSG:5070', always_xy := true) AS g
    FROM deployments
    WHERE deployment_id = $deployment_id
),
port_points AS (
    SELECT port_key, port_code, port_name, us_state, mx_city, has_bts_data, lon, lat,
           ST_Transform(geometry, 'EPSG:4326', 'EPSG:5070', always_xy := true) AS g
    FROM ports
),
nearest_state AS (
    SELECT p.port_key,
           s.country || '-' || s.code AS state_key
    FROM port_points AS p, admin1 AS s, deployment AS d
    WHERE d.scope = 'state'
      AND s.country = d.country
      AND ST_DWithin(s.geometry, ST_Point(p.lon, p.lat), 0.05)  -- cheap pre-filter: 0.05° is more than 2 km here
    QUALIFY row_number() OVER (
        PARTITION BY p.port_key
        ORDER BY ST_Distance(ST_Transform(s.geometry, 'EPSG:4326', 'EPSG:5070', always_xy := true), p.g)
    ) = 1
)
SELECT p.port_key,
       p.port_code,
       p.port_name,
       p.us_state,
       p.mx_city,
       p.has_bts_data,
       p.lon,
       p.lat,
       CASE WHEN d.located THEN ST_Distance(p.g, d.g) / 1000 END AS distance_km,
       CASE
           WHEN d.scope = 'border' THEN 'border-wide: every port'
           WHEN d.scope = 'state' THEN 'ports in the state'
           ELSE 'within ' || CAST($radius_km AS INTEGER) || ' km'
       END AS rule
FROM port_points AS p
CROSS JOIN deployment AS d
LEFT JOIN nearest_state AS n USING (port_key)
WHERE CASE
          WHEN d.scope = 'border' THEN true
          WHEN NOT d.located THEN false
          WHEN d.scope = 'state' THEN n.state_key = d.state_key
                                  AND ST_Distance(ST_Transform(
                                          (SELECT geometry FROM admin1 WHERE country || '-' || code = d.state_key),
                                          'EPSG:4326', 'EPSG:5070', always_xy := true), p.g) <= 2000
          ELSE ST_Distance(p.g, d.g) <= CAST($radius_km AS DOUBLE) * 1000
      END
ORDER BY p.lon
