-- The US–Mexico twin-city pairs, west to east: Mexican municipio (INEGI code), US city and county (FIPS), CBP port and a point per city.
SELECT pair_id,
       seq,
       mx_city,
       mx_municipio,
       mx_code,
       mx_state,
       mx_state_code,
       us_city,
       us_state,
       us_state_code,
       us_county,
       us_county_fips,
       cbp_port_code,
       main_crossing,
       mx_lon,
       mx_lat,
       mx_point_source,
       us_lon,
       us_lat,
       us_point_source,
       notes
FROM twin_cities
ORDER BY seq
