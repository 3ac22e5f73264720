#include "cli/app.h"

#ifdef ROUTELINT_JEMALLOC
// jemalloc reads its options from this symbol at start-up (MALLOC_CONF in
// the environment still overrides them). A large check touches hundreds of
// megabytes of fresh memory once; backed by transparent huge pages, where the
// kernel offers them, that is one page fault per 2 MiB instead of per 4 KiB,
// which on the benchmark estate takes a fifth off the run for a few percent
// more resident memory. Where the kernel has them off it changes nothing.
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:always";
}
#endif

int main(int argc, char** argv) { return routelint::RunMain(argc, argv, stdout, stderr); }
