/*
 * stemz HDF5 filter plugin (format-spec/HDF5-FILTER.md).
 *
 * HDF5 finds this library through HDF5_PLUGIN_PATH. The codec itself is Java: on first use the plugin starts a
 * JVM (or reuses one already in the process), loads org.stemz.hdf5.PluginEntry from the jar beside this .so with
 * its own class loader, and passes every chunk to it as a direct ByteBuffer. Every failure is pushed onto the
 * HDF5 error stack with a message that starts with "stemz" and the filter returns 0, so HDF5 reports an error:
 * nothing ever reads back as silent zeros. Dataset creation (can_apply, set_local) already starts the JVM and
 * checks the parameters with the codec, and makes the filter mandatory, so a dataset that could not be written
 * compressed is never created and no chunk is ever stored raw under a stemz pipeline.
 *
 * Environment: STEMZ_LIBJVM (path of libjvm.so), JAVA_HOME, STEMZ_JVM_OPTIONS (extra JVM options, space separated),
 * STEMZ_FILTER_STATS=N (every N chunks coded in one direction, print to stderr the time spent inside the filter).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <jni.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <H5PLextern.h>
#include <hdf5.h>

#define STEMZ_FILTER_ID 36000
#define STEMZ_JAR_NAME "stemz-filter-all.jar"
#define STEMZ_ENTRY_CLASS "org.stemz.hdf5.PluginEntry"
/* cd_values: 5 fixed slots + at most 8 chunk dimensions (format-spec/HDF5-FILTER.md); more is never valid */
#define STEMZ_LAYOUT_VERSION 1
#define STEMZ_FIXED_CD_VALUES 5
#define STEMZ_MAX_CD_VALUES 13
#define STEMZ_MAX_CHUNK_BYTES (1024.0 * 1024.0 * 1024.0)
#define STEMZ_MAX_FRAME_PIXELS (16.0 * 1024.0 * 1024.0)
#define STEMZ_MAX_JVM_OPTIONS 32
#define MSG_SIZE 2048

#ifndef STEMZ_BUILD_JAVA_HOME
#define STEMZ_BUILD_JAVA_HOME ""
#endif

static size_t stemz_filter(unsigned flags, size_t cd_nelmts, const unsigned cd_values[], size_t nbytes,
                           size_t *buf_size, void **buf);
static htri_t stemz_can_apply(hid_t dcpl, hid_t type, hid_t space);
static herr_t stemz_set_local(hid_t dcpl, hid_t type, hid_t space);
static int java_check(const unsigned cd[], size_t count);
static herr_t keep_dataset_model(hid_t dcpl, unsigned flags, size_t nelmts, const unsigned computed[], size_t count);

static const H5Z_class2_t STEMZ_CLASS = {
    H5Z_CLASS_T_VERS, STEMZ_FILTER_ID, 1, 1, "stemz: lossless 4D-STEM compression", stemz_can_apply,
    stemz_set_local, stemz_filter};

H5PL_type_t H5PLget_plugin_type(void) { return H5PL_TYPE_FILTER; }

const void *H5PLget_plugin_info(void) { return &STEMZ_CLASS; }

/* ---- errors ---------------------------------------------------------------------------------------------- */

/* push_error(func, fmt, ...) records the caller's line, so the stack points at the check that failed */
#define push_error(func, ...) push_error_at(func, __LINE__, __VA_ARGS__)

static void push_error_at(const char *func, unsigned line, const char *fmt, ...) {
    char msg[MSG_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    H5Epush2(H5E_DEFAULT, __FILE__, func, line, H5E_ERR_CLS, H5E_PLINE, H5E_CALLBACK, "%s", msg);
}

/* ---- STEMZ_FILTER_STATS: the filter's own throughput, as HDF5 sees it ---------------------------------------- */

static pthread_once_t stats_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long stats_every; /* 0: off */
static struct {
    long chunks;
    double bytes, seconds;
} stats[2]; /* [0] encoded, [1] decoded; bytes are raw (decoded) bytes */

static void stats_init(void) {
    const char *every = getenv("STEMZ_FILTER_STATS");
    stats_every = every ? strtol(every, NULL, 10) : 0;
    if (stats_every < 0) stats_every = 0;
}

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Adds one chunk; every stats_every chunks prints the total and starts again. */
static void stats_add(int decoded, size_t raw_bytes, double seconds) {
    pthread_mutex_lock(&stats_lock);
    stats[decoded].chunks++;
    stats[decoded].bytes += (double)raw_bytes;
    stats[decoded].seconds += seconds;
    if (stats[decoded].chunks == stats_every) {
        fprintf(stderr, "stemz filter: %s %ld chunks, %.1f MB in %.4f s (%.1f MB/s)\n",
                decoded ? "decoded" : "encoded", stats[decoded].chunks, stats[decoded].bytes / 1e6,
                stats[decoded].seconds, stats[decoded].bytes / 1e6 / stats[decoded].seconds);
        stats[decoded].chunks = 0;
        stats[decoded].bytes = stats[decoded].seconds = 0;
    }
    pthread_mutex_unlock(&stats_lock);
}

/* ---- the JVM: started once per process, shared by all threads --------------------------------------------- */

static pthread_once_t jvm_once = PTHREAD_ONCE_INIT;
static pthread_key_t detach_key;
static JavaVM *jvm;
static pid_t jvm_pid;
static jclass entry_class;
static jmethodID encode_method;       /* byte[] encode(int[] cd, ByteBuffer chunk) */
static jmethodID decoded_bytes_method; /* int decodedBytes(int[] cd) */
static jmethodID decode_method;        /* void decode(int[] cd, ByteBuffer payload, ByteBuffer out) */
static jmethodID check_method;         /* void check(int[] cd) */
static jmethodID message_method;
static char jvm_error[MSG_SIZE]; /* set once if the JVM or the codec cannot be loaded; reported on every call */

typedef jint(JNICALL *create_vm_fn)(JavaVM **, void **, void *);
typedef jint(JNICALL *created_vms_fn)(JavaVM **, jsize, jsize *);

struct create_request {
    create_vm_fn create;
    JavaVMInitArgs args;
    jint result;
};

/* Threads attached by the plugin are detached when they exit (never in a forked child: its JVM is not usable). */
static void detach_thread(void *vm) {
    if (vm != NULL && getpid() == jvm_pid) {
        (*(JavaVM *)vm)->DetachCurrentThread((JavaVM *)vm);
    }
}

/* The JVM is created on a helper thread: the caller's stack and signal state (e.g. Python's main thread) stay
 * untouched, and the creating thread is detached before it ends. */
static void *create_vm_thread(void *arg) {
    struct create_request *req = arg;
    JNIEnv *env = NULL;
    req->result = req->create(&jvm, (void **)&env, &req->args);
    if (req->result == JNI_OK) {
        (*jvm)->DetachCurrentThread(jvm);
    }
    return NULL;
}

static int file_readable(const char *path) { return path != NULL && access(path, R_OK) == 0; }

/* libjvm.so: $STEMZ_LIBJVM, $JAVA_HOME, the `java` on PATH, then the JDK the plugin was built with. */
static int find_libjvm(char *out, size_t size, char *tried, size_t tried_size) {
    const char *env = getenv("STEMZ_LIBJVM");
    char candidate[PATH_MAX];
    tried[0] = '\0';
    if (env != NULL && *env != '\0') {
        snprintf(tried, tried_size, "STEMZ_LIBJVM=%s", env);
        if (file_readable(env)) {
            snprintf(out, size, "%s", env);
            return 1;
        }
        return 0; /* an explicit setting that does not work is an error, not a hint */
    }
    const char *homes[3] = {getenv("JAVA_HOME"), NULL, STEMZ_BUILD_JAVA_HOME};
    char from_path[PATH_MAX] = "";
    const char *path = getenv("PATH");
    if (path != NULL) {
        char *copy = strdup(path), *save = NULL;
        for (char *dir = copy ? strtok_r(copy, ":", &save) : NULL; dir != NULL; dir = strtok_r(NULL, ":", &save)) {
            snprintf(candidate, sizeof candidate, "%s/java", dir);
            if (access(candidate, X_OK) == 0 && realpath(candidate, from_path) != NULL) {
                char *slash = strrchr(from_path, '/'); /* .../bin/java -> ... */
                if (slash != NULL) *slash = '\0';
                slash = strrchr(from_path, '/');
                if (slash != NULL) *slash = '\0';
                homes[1] = from_path;
                break;
            }
        }
        free(copy);
    }
    for (int i = 0; i < 3; i++) {
        if (homes[i] == NULL || *homes[i] == '\0') continue;
        snprintf(candidate, sizeof candidate, "%s/lib/server/libjvm.so", homes[i]);
        size_t used = strlen(tried);
        snprintf(tried + used, tried_size - used, "%s%s", used ? ", " : "", candidate);
        if (file_readable(candidate)) {
            snprintf(out, size, "%s", candidate);
            return 1;
        }
    }
    return 0;
}

/* Finds a JVM already in the process, or starts one. Sets jvm or jvm_error. */
static void start_or_reuse_jvm(void) {
    created_vms_fn created = (created_vms_fn)dlsym(RTLD_DEFAULT, "JNI_GetCreatedJavaVMs");
    jsize count = 0;
    if (created != NULL && created(&jvm, 1, &count) == JNI_OK && count > 0) {
        return;
    }
    jvm = NULL;
    char libjvm[PATH_MAX], tried[MSG_SIZE / 2];
    if (!find_libjvm(libjvm, sizeof libjvm, tried, sizeof tried)) {
        snprintf(jvm_error, sizeof jvm_error,
                 "stemz: no Java runtime found (tried %s); install a JRE 17+ or set JAVA_HOME or STEMZ_LIBJVM",
                 tried[0] ? tried : "nothing: JAVA_HOME unset and no java on PATH");
        return;
    }
    void *lib = dlopen(libjvm, RTLD_NOW | RTLD_GLOBAL);
    if (lib == NULL) {
        snprintf(jvm_error, sizeof jvm_error, "stemz: cannot load the Java runtime %s: %s", libjvm, dlerror());
        return;
    }
    /* a host JVM whose libjvm is not global (e.g. the java launcher's) is only visible through its handle */
    created = (created_vms_fn)dlsym(lib, "JNI_GetCreatedJavaVMs");
    if (created != NULL && created(&jvm, 1, &count) == JNI_OK && count > 0) {
        return;
    }
    jvm = NULL;
    struct create_request req;
    memset(&req, 0, sizeof req);
    req.create = (create_vm_fn)dlsym(lib, "JNI_CreateJavaVM");
    if (req.create == NULL) {
        snprintf(jvm_error, sizeof jvm_error, "stemz: %s has no JNI_CreateJavaVM", libjvm);
        return;
    }
    JavaVMOption options[STEMZ_MAX_JVM_OPTIONS];
    int n = 0;
    options[n++].optionString = "-Xrs"; /* leave SIGINT & co. to the host (Ctrl-C in Python) */
    char *extra = getenv("STEMZ_JVM_OPTIONS") ? strdup(getenv("STEMZ_JVM_OPTIONS")) : NULL, *save = NULL;
    for (char *o = extra ? strtok_r(extra, " ", &save) : NULL; o != NULL && n < STEMZ_MAX_JVM_OPTIONS;
         o = strtok_r(NULL, " ", &save)) {
        options[n++].optionString = o;
    }
    req.args.version = JNI_VERSION_1_8;
    req.args.nOptions = n;
    req.args.options = options;
    req.args.ignoreUnrecognized = JNI_FALSE;
    pthread_t thread;
    if (pthread_create(&thread, NULL, create_vm_thread, &req) != 0 || pthread_join(thread, NULL) != 0) {
        snprintf(jvm_error, sizeof jvm_error, "stemz: cannot start a thread to create the Java VM");
    } else if (req.result != JNI_OK) {
        snprintf(jvm_error, sizeof jvm_error,
                 "stemz: the Java VM from %s failed to start (JNI error %d; check STEMZ_JVM_OPTIONS)", libjvm,
                 (int)req.result);
        jvm = NULL;
    }
    free(extra); /* the JVM copies its options */
}

static JNIEnv *attach_current_thread(void) {
    JNIEnv *env = NULL;
    jint rc = (*jvm)->GetEnv(jvm, (void **)&env, JNI_VERSION_1_8);
    if (rc == JNI_OK) return env;
    if (rc != JNI_EDETACHED) return NULL;
    JavaVMAttachArgs args = {JNI_VERSION_1_8, "stemz-hdf5-filter", NULL};
    if ((*jvm)->AttachCurrentThreadAsDaemon(jvm, (void **)&env, &args) != JNI_OK) return NULL;
    pthread_setspecific(detach_key, jvm);
    return env;
}

/* Where this .so lives: the codec jar must be in the same folder. */
static int jar_path(char *out, size_t size) {
    Dl_info info;
    if (dladdr((void *)&H5PLget_plugin_info, &info) == 0 || info.dli_fname == NULL) return 0;
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", info.dli_fname);
    char *slash = strrchr(dir, '/');
    if (slash == NULL) snprintf(dir, sizeof dir, ".");
    else *slash = '\0';
    snprintf(out, size, "%s/%s", dir, STEMZ_JAR_NAME);
    return 1;
}

/* Loads PluginEntry through a URLClassLoader over the jar (parent: the platform loader), so a host JVM's own
 * class path neither hides nor replaces the codec. Returns 0 and sets jvm_error on failure. */
static int load_entry_class(JNIEnv *env, const char *jar) {
#define REQUIRE(x)                                                                                              \
    if (!(x) || (*env)->ExceptionCheck(env)) goto fail
    int ok = 0, framed = 0;
    if ((*env)->PushLocalFrame(env, 32) != 0) goto fail;
    framed = 1;
    jclass file_cls = (*env)->FindClass(env, "java/io/File");
    REQUIRE(file_cls);
    jobject file = (*env)->NewObject(env, file_cls, (*env)->GetMethodID(env, file_cls, "<init>", "(Ljava/lang/String;)V"),
                                     (*env)->NewStringUTF(env, jar));
    REQUIRE(file);
    jobject uri = (*env)->CallObjectMethod(env, file, (*env)->GetMethodID(env, file_cls, "toURI", "()Ljava/net/URI;"));
    REQUIRE(uri);
    jclass uri_cls = (*env)->GetObjectClass(env, uri);
    jobject url = (*env)->CallObjectMethod(env, uri, (*env)->GetMethodID(env, uri_cls, "toURL", "()Ljava/net/URL;"));
    REQUIRE(url);
    jclass url_cls = (*env)->FindClass(env, "java/net/URL");
    REQUIRE(url_cls);
    jobjectArray urls = (*env)->NewObjectArray(env, 1, url_cls, url);
    REQUIRE(urls);
    jclass loader_cls = (*env)->FindClass(env, "java/lang/ClassLoader");
    REQUIRE(loader_cls);
    jmethodID platform_m = (*env)->GetStaticMethodID(env, loader_cls, "getPlatformClassLoader", "()Ljava/lang/ClassLoader;");
    REQUIRE(platform_m);
    jobject platform = (*env)->CallStaticObjectMethod(env, loader_cls, platform_m);
    REQUIRE(platform);
    jclass url_loader_cls = (*env)->FindClass(env, "java/net/URLClassLoader");
    REQUIRE(url_loader_cls);
    jobject loader = (*env)->NewObject(env, url_loader_cls,
                                       (*env)->GetMethodID(env, url_loader_cls, "<init>", "([Ljava/net/URL;Ljava/lang/ClassLoader;)V"),
                                       urls, platform);
    REQUIRE(loader);
    jmethodID load_m = (*env)->GetMethodID(env, url_loader_cls, "loadClass", "(Ljava/lang/String;)Ljava/lang/Class;");
    REQUIRE(load_m);
    jclass cls = (jclass)(*env)->CallObjectMethod(env, loader, load_m, (*env)->NewStringUTF(env, STEMZ_ENTRY_CLASS));
    REQUIRE(cls);
    encode_method = (*env)->GetStaticMethodID(env, cls, "encode", "([ILjava/nio/ByteBuffer;)[B");
    REQUIRE(encode_method);
    decoded_bytes_method = (*env)->GetStaticMethodID(env, cls, "decodedBytes", "([I)I");
    REQUIRE(decoded_bytes_method);
    decode_method = (*env)->GetStaticMethodID(env, cls, "decode", "([ILjava/nio/ByteBuffer;Ljava/nio/ByteBuffer;)V");
    REQUIRE(decode_method);
    check_method = (*env)->GetStaticMethodID(env, cls, "check", "([I)V");
    REQUIRE(check_method);
    jclass throwable_cls = (*env)->FindClass(env, "java/lang/Throwable");
    REQUIRE(throwable_cls);
    message_method = (*env)->GetMethodID(env, throwable_cls, "toString", "()Ljava/lang/String;");
    REQUIRE(message_method);
    entry_class = (jclass)(*env)->NewGlobalRef(env, cls);
    REQUIRE(entry_class);
    ok = 1;
fail:
    if (!ok) {
        if ((*env)->ExceptionCheck(env)) (*env)->ExceptionClear(env);
        snprintf(jvm_error, sizeof jvm_error,
                 "stemz: cannot load the codec (%s from %s): is the jar from the same build as the plugin?",
                 STEMZ_ENTRY_CLASS, jar);
    }
    if (framed) (*env)->PopLocalFrame(env, NULL);
    return ok;
#undef REQUIRE
}

static void init_once(void) {
    char jar[PATH_MAX];
    if (pthread_key_create(&detach_key, detach_thread) != 0) {
        snprintf(jvm_error, sizeof jvm_error, "stemz: cannot create a thread key");
        return;
    }
    if (!jar_path(jar, sizeof jar)) {
        snprintf(jvm_error, sizeof jvm_error, "stemz: cannot find the folder of the stemz plugin library");
        return;
    }
    if (!file_readable(jar)) {
        snprintf(jvm_error, sizeof jvm_error,
                 "stemz: codec jar %s is missing or unreadable (it must sit beside the plugin library)", jar);
        return;
    }
    start_or_reuse_jvm();
    if (jvm == NULL) return;
    jvm_pid = getpid();
    JNIEnv *env = attach_current_thread();
    if (env == NULL) {
        snprintf(jvm_error, sizeof jvm_error, "stemz: cannot attach to the Java VM");
        jvm = NULL;
        return;
    }
    if (!load_entry_class(env, jar)) jvm = NULL;
}

/* The calling thread's JNIEnv, or NULL after pushing the reason onto the HDF5 error stack. */
static JNIEnv *java_env(const char *func) {
    pthread_once(&jvm_once, init_once);
    if (jvm == NULL) {
        push_error(func, "%s", jvm_error[0] ? jvm_error : "stemz: the Java VM is not available");
        return NULL;
    }
    if (getpid() != jvm_pid) {
        push_error(func,
                   "stemz: this process (%d) was forked from process %d after the stemz filter started a Java VM "
                   "there, and a Java VM cannot run in a forked child. Start workers with multiprocessing's "
                   "'spawn' or 'forkserver' method, or open stemz datasets only in the children.",
                   (int)getpid(), (int)jvm_pid);
        return NULL;
    }
    JNIEnv *env = attach_current_thread();
    if (env == NULL) push_error(func, "stemz: cannot attach this thread to the Java VM");
    return env;
}

/* If a Java exception is pending: clears it, pushes its message (PluginEntry makes it start with "stemz") and
 * returns 1. */
static int java_failed(JNIEnv *env, const char *func) {
    jthrowable t = (*env)->ExceptionOccurred(env);
    if (t == NULL) return 0;
    (*env)->ExceptionClear(env);
    jstring s = (jstring)(*env)->CallObjectMethod(env, t, message_method);
    const char *text = NULL;
    if (s != NULL && !(*env)->ExceptionCheck(env)) text = (*env)->GetStringUTFChars(env, s, NULL);
    if ((*env)->ExceptionCheck(env)) (*env)->ExceptionClear(env);
    /* PluginEntry's "java.lang.IllegalStateException: stemz ...": keep the part after the class; anything else
     * (e.g. an OutOfMemoryError before PluginEntry ran) is quoted whole after a stemz prefix */
    const char *msg = text ? strstr(text, ": ") : NULL;
    if (msg != NULL && strncmp(msg + 2, "stemz", 5) == 0) {
        push_error(func, "%s", msg + 2);
    } else {
        push_error(func, "stemz: the Java codec failed: %s", text ? text : "(no message)");
    }
    if (text) (*env)->ReleaseStringUTFChars(env, s, text);
    return 1;
}

/* ---- HDF5 callbacks ---------------------------------------------------------------------------------------- */

/* stemz DataType code of an HDF5 atomic type (org.stemz.DataType; FilterParametersCrossCheckTest keeps the two
 * in step), or 0 if stemz cannot code it. */
static unsigned stemz_type_code(hid_t type) {
    H5T_class_t cls = H5Tget_class(type);
    size_t size = H5Tget_size(type);
    if (cls == H5T_FLOAT) return size == 4 ? 7 : size == 8 ? 8 : 0;
    if (cls != H5T_INTEGER) return 0;
    int is_signed = H5Tget_sign(type) == H5T_SGN_2;
    return size == 1 ? (is_signed ? 4 : 1) : size == 2 ? (is_signed ? 5 : 2) : size == 4 ? (is_signed ? 6 : 3) : 0;
}

/* The chunk shape of a dataset creation property list and the checks stemz makes on it in C; returns the rank, or
 * -1 after pushing why the filter cannot apply. */
static int checked_chunk(const char *func, hid_t dcpl, hid_t type, hsize_t dims[H5S_MAX_RANK]) {
    if (stemz_type_code(type) == 0) {
        push_error(func, "stemz: the dataset's element type is not supported: stemz codes 8-, 16- and 32-bit "
                         "integers and 32- and 64-bit floats");
        return -1;
    }
    int rank = H5Pget_chunk(dcpl, H5S_MAX_RANK, dims);
    if (rank <= 0 || rank > STEMZ_MAX_CD_VALUES - STEMZ_FIXED_CD_VALUES) {
        push_error(func, "stemz: the stemz filter needs a chunked dataset of rank 1 to %d (rank %d)",
                   STEMZ_MAX_CD_VALUES - STEMZ_FIXED_CD_VALUES, rank);
        return -1;
    }
    double bytes = (double)H5Tget_size(type);
    for (int i = 0; i < rank; i++) {
        if (dims[i] > 0xFFFFFFFFu) {
            push_error(func, "stemz: chunk dimension %llu is over the stemz limit of 2^32 - 1",
                       (unsigned long long)dims[i]);
            return -1;
        }
        bytes *= (double)dims[i];
    }
    double frame = rank == 1 ? (double)dims[0] : (double)dims[rank - 1] * (double)dims[rank - 2];
    if (frame > STEMZ_MAX_FRAME_PIXELS) {
        push_error(func, "stemz: a chunk frame (its last two dimensions) of %.0f pixels is over the stemz limit of "
                         "%.0f pixels", frame, STEMZ_MAX_FRAME_PIXELS);
        return -1;
    }
    if (bytes > STEMZ_MAX_CHUNK_BYTES) {
        push_error(func, "stemz: chunks of %.0f bytes exceed the stemz limit of %.0f bytes", bytes,
                   (double)STEMZ_MAX_CHUNK_BYTES);
        return -1;
    }
    return rank;
}

/* h5repack answers a failed dataset creation by creating the dataset again with the input's filters ("warning:
 * could not create dataset ... Applying original settings", shown only with -v) and exits 0: a missing Java
 * runtime would then give an uncompressed copy and success. Under h5repack the Java checks wait for the first
 * chunk, whose failure makes h5repack exit 1. Element type and chunk checks still fail at creation there, which
 * is what lets `h5repack -f UD=36000,...` copy the datasets stemz cannot code unchanged. */
static int host_retries_unfiltered(void) { return strcmp(program_invocation_short_name, "h5repack") == 0; }

/* Dataset creation fails (returns -1: an error even for an optional filter, where 0 would silently drop it) for
 * anything the encoder would refuse later: element type, chunk shape and size, and a Java runtime or codec jar
 * that cannot be loaded (this starts the JVM, once per process). */
static htri_t stemz_can_apply(hid_t dcpl, hid_t type, hid_t space) {
    (void)space;
    hsize_t dims[H5S_MAX_RANK];
    if (checked_chunk(__func__, dcpl, type, dims) < 0) return -1;
    if (host_retries_unfiltered()) return 1;
    return java_env(__func__) == NULL ? -1 : 1;
}

/* Fills cd_values (format-spec/HDF5-FILTER.md) from the dataset's type and chunk shape, replacing any values the
 * user gave, checks them with the Java codec, and makes the filter mandatory: HDF5 stores a chunk unfiltered,
 * without an error, when an optional filter fails (h5py adds every filter given by number as optional). */
static herr_t stemz_set_local(hid_t dcpl, hid_t type, hid_t space) {
    (void)space;
    hsize_t dims[H5S_MAX_RANK];
    unsigned cd[STEMZ_MAX_CD_VALUES];
    int rank = checked_chunk(__func__, dcpl, type, dims);
    if (rank < 0) return -1;
    unsigned flags = 0, config = 0, given[STEMZ_MAX_CD_VALUES];
    size_t nelmts = STEMZ_MAX_CD_VALUES;
    if (H5Pget_filter_by_id2(dcpl, STEMZ_FILTER_ID, &flags, &nelmts, given, 0, NULL, &config) < 0) {
        push_error(__func__, "stemz: cannot read the filter's settings from the dataset creation properties");
        return -1;
    }
    H5T_order_t order = H5Tget_order(type);
    cd[0] = STEMZ_LAYOUT_VERSION;
    cd[1] = stemz_type_code(type);
    cd[2] = (unsigned)H5Tget_size(type);
    cd[3] = order == H5T_ORDER_BE ? 1 : 0;
    cd[4] = (unsigned)rank;
    for (int i = 0; i < rank; i++) cd[STEMZ_FIXED_CD_VALUES + i] = (unsigned)dims[i];
    size_t count = (size_t)(STEMZ_FIXED_CD_VALUES + rank);
    if (nelmts > 0 && given[0] >= 2) return keep_dataset_model(dcpl, flags, nelmts, cd, count);
    if (!host_retries_unfiltered() && !java_check(cd, count)) return -1;
    if (H5Pmodify_filter(dcpl, STEMZ_FILTER_ID, flags & ~(unsigned)H5Z_FLAG_OPTIONAL, count, cd) < 0) {
        push_error(__func__, "stemz: cannot store the filter parameters");
        return -1;
    }
    return 0;
}

/* cd_values of layout 2 and later (format-spec/HDF5-FILTER.md section 3.2: a dataset model, set by stemz's own
 * writers) are kept, not replaced, once their leading slots match the dataset (computed[0 .. count-1]) and the
 * codec accepts them; this build's codec reads layout 1 only, so they fail dataset creation with its message. */
static herr_t keep_dataset_model(hid_t dcpl, unsigned flags, size_t nelmts, const unsigned computed[], size_t count) {
    unsigned *all = nelmts < (size_t)INT32_MAX / sizeof(unsigned) ? malloc(nelmts * sizeof(unsigned)) : NULL;
    unsigned ignored = 0;
    size_t n = nelmts;
    herr_t result = -1;
    if (all == NULL) {
        push_error(__func__, "stemz: cannot allocate %zu filter parameters", nelmts);
    } else if (H5Pget_filter_by_id2(dcpl, STEMZ_FILTER_ID, &ignored, &n, all, 0, NULL, &ignored) < 0 || n != nelmts) {
        push_error(__func__, "stemz: cannot read the filter's settings from the dataset creation properties");
    } else if (n < count || memcmp(all + 1, computed + 1, (count - 1) * sizeof(unsigned)) != 0) {
        push_error(__func__, "stemz: cd_values of layout %u describe another element type or chunk shape than the "
                             "dataset's", all[0]);
    } else if ((host_retries_unfiltered() || java_check(all, n)) &&
               H5Pmodify_filter(dcpl, STEMZ_FILTER_ID, flags & ~(unsigned)H5Z_FLAG_OPTIONAL, n, all) >= 0) {
        result = 0;
    }
    free(all);
    return result;
}

/* PluginEntry.check(cd): the codec's own validation of the parameters; 0 after pushing why they are refused. */
static int java_check(const unsigned cd[], size_t count) {
    JNIEnv *env = java_env(__func__);
    if (env == NULL) return 0;
    int ok = 0;
    if ((*env)->PushLocalFrame(env, 4) == 0) {
        jintArray values = (*env)->NewIntArray(env, (jsize)count);
        if (values != NULL) {
            (*env)->SetIntArrayRegion(env, values, 0, (jsize)count, (const jint *)cd);
            (*env)->CallStaticVoidMethod(env, entry_class, check_method, values);
        }
        ok = !java_failed(env, __func__);
        (*env)->PopLocalFrame(env, NULL);
    } else {
        java_failed(env, __func__);
    }
    return ok;
}

static size_t stemz_code_chunk(unsigned flags, size_t cd_nelmts, const unsigned cd_values[], size_t nbytes,
                               size_t *buf_size, void **buf);

/* The HDF5 filter callback: codes the chunk and, with STEMZ_FILTER_STATS, times it. */
static size_t stemz_filter(unsigned flags, size_t cd_nelmts, const unsigned cd_values[], size_t nbytes,
                           size_t *buf_size, void **buf) {
    pthread_once(&stats_once, stats_init);
    if (stats_every == 0) return stemz_code_chunk(flags, cd_nelmts, cd_values, nbytes, buf_size, buf);
    double start = now_seconds();
    size_t result = stemz_code_chunk(flags, cd_nelmts, cd_values, nbytes, buf_size, buf);
    int decoded = (flags & H5Z_FLAG_REVERSE) != 0;
    if (result > 0) stats_add(decoded, decoded ? result : nbytes, now_seconds() - start);
    return result;
}

static size_t stemz_code_chunk(unsigned flags, size_t cd_nelmts, const unsigned cd_values[], size_t nbytes,
                               size_t *buf_size, void **buf) {
    size_t result = 0;
    int framed = 0;
    void *out = NULL;
    JNIEnv *env = NULL;
    const char *what = (flags & H5Z_FLAG_REVERSE) ? "decode" : "encode";
    if (cd_nelmts > STEMZ_MAX_CD_VALUES || (cd_nelmts > 0 && cd_values == NULL)) {
        push_error(__func__, "stemz: cannot %s a chunk: %zu filter parameters (at most %d are valid)", what,
                   cd_nelmts, STEMZ_MAX_CD_VALUES);
        goto done;
    }
    if (buf == NULL || *buf == NULL || buf_size == NULL || nbytes > (size_t)INT32_MAX - 64) {
        push_error(__func__, "stemz: cannot %s a chunk of %zu bytes (at most 2 GiB, and a buffer is required)",
                   what, nbytes);
        goto done;
    }
    env = java_env(__func__);
    if (env == NULL) goto done;
    if ((*env)->PushLocalFrame(env, 8) != 0) {
        java_failed(env, __func__);
        goto done;
    }
    framed = 1;
    jintArray cd = (*env)->NewIntArray(env, (jsize)cd_nelmts);
    if (cd == NULL) goto java_error;
    (*env)->SetIntArrayRegion(env, cd, 0, (jsize)cd_nelmts, (const jint *)cd_values);
    jobject chunk = (*env)->NewDirectByteBuffer(env, *buf, (jlong)nbytes);
    if (chunk == NULL) goto java_error;
    jsize length;
    if (flags & H5Z_FLAG_REVERSE) {
        /* decoded straight into the buffer handed back to HDF5: no copy of the (large) decoded chunk */
        length = (*env)->CallStaticIntMethod(env, entry_class, decoded_bytes_method, cd);
        if ((*env)->ExceptionCheck(env)) goto java_error;
        if (length <= 0) {
            push_error(__func__, "stemz: the filter parameters describe an empty chunk");
            goto done;
        }
        out = H5allocate_memory((size_t)length, 0);
        if (out == NULL) {
            push_error(__func__, "stemz: cannot allocate %d bytes for the decoded chunk", (int)length);
            goto done;
        }
        jobject decoded = (*env)->NewDirectByteBuffer(env, out, (jlong)length);
        if (decoded == NULL) goto java_error;
        (*env)->CallStaticVoidMethod(env, entry_class, decode_method, cd, chunk, decoded);
        if ((*env)->ExceptionCheck(env)) goto java_error;
    } else {
        jbyteArray coded = (jbyteArray)(*env)->CallStaticObjectMethod(env, entry_class, encode_method, cd, chunk);
        if (coded == NULL) goto java_error;
        length = (*env)->GetArrayLength(env, coded);
        if (length <= 0) {
            push_error(__func__, "stemz: the codec returned an empty chunk");
            goto done;
        }
        out = H5allocate_memory((size_t)length, 0);
        if (out == NULL) {
            push_error(__func__, "stemz: cannot allocate %d bytes for the encoded chunk", (int)length);
            goto done;
        }
        (*env)->GetByteArrayRegion(env, coded, 0, length, (jbyte *)out);
    }
    H5free_memory(*buf);
    *buf = out;
    *buf_size = (size_t)length;
    out = NULL;
    result = (size_t)length;
    goto done;
java_error:
    if (!java_failed(env, __func__)) push_error(__func__, "stemz: cannot %s a chunk: out of Java memory", what);
done:
    if (out != NULL) H5free_memory(out);
    if (framed) (*env)->PopLocalFrame(env, NULL);
    return result;
}
