// Serves the built web app (web/dist) from memory: every file is read once at start-up.
// Hashed assets under /assets/ are cached for a year; index.html is revalidated with an
// ETag; any other path without a file extension gets index.html (the app's own router
// takes it from there). Read-only after construction, thread-safe.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "http/message.h"

namespace fanzha::http {

class StaticFiles {
 public:
  // Loads every regular file under `root`. A missing directory leaves the set empty
  // (the server still runs; pages answer with a hint to build the web app).
  explicit StaticFiles(const std::string& root);

  size_t file_count() const { return files_.size(); }
  Response serve(const Request& request) const;

 private:
  struct File {
    std::shared_ptr<const std::string> content;
    std::string content_type;
    std::string etag;
    bool immutable = false;
  };
  Response respond(const File& file, const Request& request) const;

  std::unordered_map<std::string, File> files_;  // keyed by URL path, e.g. "/assets/x.js"
};

// The Content-Type for a file name, by extension.
std::string content_type_for(const std::string& path);

}  // namespace fanzha::http
