// The XLSX side of open_table(): the first worksheet of a workbook, streamed through
// expat from the zip archive (libzip). Private to the tabular module.
#pragma once

#include <memory>
#include <string>

#include "tabular/table_reader.h"

namespace fanzha::tabular {

std::unique_ptr<TableReader> open_xlsx_table(const std::string& path);

}  // namespace fanzha::tabular
