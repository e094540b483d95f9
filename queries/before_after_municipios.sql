-- Mexican municipios a deployment covers (the homicide series exist for Mexico only): border-wide → the municipios that touch the boundary line (within 1 km of it, the outlines being generalised); a Mexican state polygon → its municipios; a US state → none; a city/site/region point → the municipios within $radius_km of it. Metres in NAD83 / Conus Albers (EPSG:5070).
WITH deployment AS (
    SELECT scope,
           country,
           state_key,
           geometry IS NOT NULL AS located,
           ST_Transform(geometry, 'EPSG:4326', 'EPSG:5070', always_xy := true) AS g
    FROM deployments
    WHERE deployment_id = $deployment_id
),
line AS (
    SELECT ST_Transform(ST_Union_Agg(geometry), 'EPSG:4326', 'EPSG:5070', always_xy := true) AS g FROM boundary
),
measured AS (
    SELECT a.code,
           a.name,
           a.state_code,
           d.scope,
           d.country,
           d.state_key,
           d.located,
           ST_Distance(ST_Transform(a.geometry, 'EPSG:4326', 'EPSG:5070', always_xy := true), d.g) / 1000
               AS distance_km,
           ST_Distance(ST_Transform(a.geometry, 'EPSG:4326', 'EPSG:5070', always_xy := true), l.g) / 1000
               AS line_km
    FROM admin2 AS a, deployment AS d, line AS l
    WHERE a.country = 'MX'
)
SELECT code,
       name,
       state_code,
       distance_km,
       line_km,
       CASE
           WHEN scope = 'border' THEN 'border-wide: the municipios on the line'
           WHEN scope = 'state' THEN 'the municipios of the state'
           ELSE 'within ' || CAST($radius_km AS INTEGER) || ' km'
       END AS rule
FROM measured
WHERE CASE
          WHEN scope = 'border' THEN line_km <= 1.0
          WHEN NOT located THEN false
          WHEN scope = 'state' THEN state_key = 'MX-' || state_code
          ELSE distance_km <= CAST($radius_km AS DOUBLE)
      END
ORDER BY state_code, code
