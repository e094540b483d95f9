-- The ports catalogue: names, sister cities and BTS data coverage.
SELECT port_key, port_code, port_name, us_state, mx_city, mx_state, crossing_count,
       first_month, last_month, has_bts_data, lon, lat
FROM ports
ORDER BY lon
