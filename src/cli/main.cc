#include "cli/app.h"

int main(int argc, char** argv) { return routelint::RunMain(argc, argv, stdout, stderr); }
