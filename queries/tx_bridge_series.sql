-- Texas bridge-level northbound monthly counts (UNT/CBP) for one CBP port; NULL value = no data.
SELECT date, crossing, mode, value
FROM tx_crossings
WHERE port_code = $port_code
  AND date BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
ORDER BY date, crossing, mode
