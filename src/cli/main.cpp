#include "cli/commands.h"

int main(int argc, char** argv) { return fanzha::cli::run(argc, argv); }
