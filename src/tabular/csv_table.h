// The CSV side of open_table(): decoding (UTF-8 or GB18030) and a delimiter check.
// Private to the tabular module.
#pragma once

#include <memory>
#include <string>

#include "tabular/table_reader.h"

namespace fanzha::tabular {

std::unique_ptr<TableReader> open_csv_table(std::string bytes);

}  // namespace fanzha::tabular
