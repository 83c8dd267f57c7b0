// File answers: XLSX exports and photos, sent from memory with a download name.
#pragma once

#include <string>
#include <string_view>

#include "http/message.h"

namespace fanzha::api {

inline constexpr std::string_view kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// Reads `path` into a response named `download_name` (Content-Disposition: attachment);
// removes the file afterwards when `remove` (generated exports).
http::Response file_response(const std::string& path, std::string_view content_type,
                             const std::string& download_name, bool remove);

// The Content-Disposition value of an attachment: `fallback` for old clients, the UTF-8
// name (RFC 5987) for the others.
std::string content_disposition(const std::string& download_name, const std::string& fallback);

// The same for an image shown inline (photos); private caching.
http::Response image_response(const std::string& path, std::string_view content_type);

}  // namespace fanzha::api
