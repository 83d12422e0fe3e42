-- wrk script for bench/overload.sh: every request is a distinct email (own Message-ID and text) to reverser@.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  prefix = os.getenv("BURST_RUN") .. "-" .. tostring(tid)
  counter = 0
end

function request()
  counter = counter + 1
  local id = prefix .. "-" .. counter
  local body = "From: Bench <bench@example.org>\r\nTo: reverser@example.com\r\nSubject: burst " .. id ..
    "\r\nMessage-ID: <" .. id .. "@bench.example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nburst email " .. id .. "\r\n"
  return wrk.format("POST", "/api/messages", { ["Content-Type"] = "message/rfc822" }, body)
end
