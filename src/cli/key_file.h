// The PII key file: created on first use with mode 0600 beside the database (or where
// --key-file says), read on every later start. Without it no personal number in the
// database can be read, so it must be backed up with (but stored apart from) the data.
#pragma once

#include <memory>
#include <string>

#include "common/pii_cipher.h"
#include "common/random.h"

namespace fanzha::cli {

// The default key file of a database: "<db>.key".
std::string default_key_path(const std::string& db_path);

// Loads the key file, creating it first when it does not exist. Throws fanzha::Error.
std::unique_ptr<PiiCipher> load_or_create_key_file(const std::string& path, Random& random);

}  // namespace fanzha::cli
