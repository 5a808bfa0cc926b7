-- Appended for write scenarios only: reading every answer costs wrk time, so reads skip it.
function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end
