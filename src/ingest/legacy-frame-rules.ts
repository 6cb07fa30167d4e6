/**
 * The drop_frames / keep_frames google/pprof attaches to every legacy heap profile
 * (addLegacyFrameInfo with allocRxStr / allocSkipRxStr in profile/legacy_profile.go): allocator
 * frames are cut from stacks, Go runtime frames too unless they are panics or reflect calls.
 * src/profile/prune.ts applies them (anchored, `^(…)$`) after parsing, as `go tool pprof` does.
 */
export const ALLOC_DROP_FRAMES = [
  // POSIX entry points.
  'calloc',
  'cfree',
  'malloc',
  'free',
  'memalign',
  'do_memalign',
  '(__)?posix_memalign',
  'pvalloc',
  'valloc',
  'realloc',
  // TC malloc.
  'tcmalloc::.*',
  'tc_calloc',
  'tc_cfree',
  'tc_malloc',
  'tc_free',
  'tc_memalign',
  'tc_posix_memalign',
  'tc_pvalloc',
  'tc_valloc',
  'tc_realloc',
  'tc_new',
  'tc_delete',
  'tc_newarray',
  'tc_deletearray',
  'tc_new_nothrow',
  'tc_newarray_nothrow',
  // Memory-allocation routines on OS X.
  'malloc_zone_malloc',
  'malloc_zone_calloc',
  'malloc_zone_valloc',
  'malloc_zone_realloc',
  'malloc_zone_memalign',
  'malloc_zone_free',
  // Go runtime.
  'runtime\\..*',
  // Other misc. memory allocation routines.
  'BaseArena::.*',
  '(::)?do_malloc_no_errno',
  '(::)?do_malloc_pages',
  '(::)?do_malloc',
  'DoSampledAllocation',
  'MallocedMemBlock::MallocedMemBlock',
  '_M_allocate',
  '__builtin_(vec_)?delete',
  '__builtin_(vec_)?new',
  '__gnu_cxx::new_allocator::allocate',
  '__libc_malloc',
  '__malloc_alloc_template::allocate',
  'allocate',
  'cpp_alloc',
  'operator new(\\[\\])?',
  'simple_alloc::allocate',
].join('|');

/** Go runtime frames kept in the middle/bottom of a stack. */
export const ALLOC_KEEP_FRAMES = ['runtime\\.panic', 'runtime\\.reflectcall', 'runtime\\.call[0-9]*'].join('|');

/** pprof's cpuProfilerRxStr: signal-handler frames of gperftools' CPU profiler. */
export const CPU_PROFILER_DROP_FRAMES = [
  'ProfileData::Add',
  'ProfileData::prof_handler',
  'CpuProfiler::prof_handler',
  '__pthread_sighandler',
  '__restore',
].join('|');

/** pprof's lockRxStr: the lock-profiling and unlock frames of C++ contention profiles. */
export const LOCK_DROP_FRAMES = [
  'RecordLockProfileData',
  '(base::)?RecordLockProfileData.*',
  '(base::)?SubmitMutexProfileData.*',
  '(base::)?SubmitSpinLockProfileData.*',
  '(base::Mutex::)?AwaitCommon.*',
  '(base::Mutex::)?Unlock.*',
  '(base::Mutex::)?UnlockSlow.*',
  '(base::Mutex::)?ReaderUnlock.*',
  '(base::MutexLock::)?~MutexLock.*',
  '(Mutex::)?AwaitCommon.*',
  '(Mutex::)?Unlock.*',
  '(Mutex::)?UnlockSlow.*',
  '(Mutex::)?ReaderUnlock.*',
  '(MutexLock::)?~MutexLock.*',
  '(SpinLock::)?Unlock.*',
  '(SpinLock::)?SlowUnlock.*',
  '(SpinLockHolder::)?~SpinLockHolder.*',
].join('|');

const HEAPZ_TYPES = [
  ['allocations', 'size'],
  ['objects', 'space'],
  ['inuse_objects', 'inuse_space'],
  ['alloc_objects', 'alloc_space'],
  ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'],
];

/** pprof's addLegacyFrameInfo: drop_frames / keep_frames by the sample types a legacy parser set. */
export function legacyFrameRules(types: readonly { type: string }[]): { dropFrames: string; keepFrames: string } {
  const is = (t: string[]) => t.length === types.length && t.every((x, i) => types[i]!.type === x);
  if (HEAPZ_TYPES.some(is)) return { dropFrames: ALLOC_DROP_FRAMES, keepFrames: ALLOC_KEEP_FRAMES };
  if (is(['contentions', 'delay'])) return { dropFrames: LOCK_DROP_FRAMES, keepFrames: '' };
  return { dropFrames: CPU_PROFILER_DROP_FRAMES, keepFrames: '' };
}
