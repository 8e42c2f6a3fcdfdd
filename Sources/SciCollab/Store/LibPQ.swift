import Foundation

/// The functions of libpq, PostgreSQL's client library, loaded when the first PostgreSQL connection opens.
///
/// scicollab is not linked with libpq: a command on a SQLite file would otherwise load libpq and the libraries it
/// needs (Kerberos, LDAP, TLS) at every start, about 7 ms of the 20 ms a command takes to start. Only a
/// `postgresql://` database loads it: on Linux the system's `libpq.so.5` (Debian's `libpq5`, which the `postgresql`
/// and `postgresql-client` packages install), on macOS Homebrew's or Postgres.app's `libpq.5.dylib`. The values of
/// libpq's enums below are those of `libpq-fe.h`, which libpq keeps as part of its ABI. A class: the results of a
/// query share one table of functions.
final class LibPQ: @unchecked Sendable {
    typealias Connection = OpaquePointer
    typealias QueryResult = OpaquePointer
    typealias Oid = UInt32

    /// `CONNECTION_OK` of `ConnStatusType`.
    static let connectionOK: Int32 = 0
    /// `PQTRANS_IDLE` of `PGTransactionStatusType`.
    static let transactionIdle: Int32 = 0
    /// `ExecStatusType` values.
    static let emptyQuery: Int32 = 0, commandOK: Int32 = 1, tuplesOK: Int32 = 2, copyIn: Int32 = 4, singleTuple: Int32 = 9

    let connectdb: @convention(c) (UnsafePointer<CChar>?) -> Connection?
    let status: @convention(c) (Connection?) -> Int32
    let errorMessage: @convention(c) (Connection?) -> UnsafeMutablePointer<CChar>
    let finish: @convention(c) (Connection?) -> Void
    let transactionStatus: @convention(c) (Connection?) -> Int32
    let exec: @convention(c) (Connection?, UnsafePointer<CChar>?) -> QueryResult?
    let execParams: @convention(c) (Connection?, UnsafePointer<CChar>?, Int32, UnsafePointer<Oid>?,
                                    UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32) -> QueryResult?
    let sendQueryParams: @convention(c) (Connection?, UnsafePointer<CChar>?, Int32, UnsafePointer<Oid>?,
                                         UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32) -> Int32
    let setSingleRowMode: @convention(c) (Connection?) -> Int32
    let getResult: @convention(c) (Connection?) -> QueryResult?
    let prepare: @convention(c) (Connection?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32, UnsafePointer<Oid>?) -> QueryResult?
    let execPrepared: @convention(c) (Connection?, UnsafePointer<CChar>?, Int32, UnsafePointer<UnsafePointer<CChar>?>?,
                                      UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32) -> QueryResult?
    let escapeLiteral: @convention(c) (Connection?, UnsafePointer<CChar>?, Int) -> UnsafeMutablePointer<CChar>?
    let freemem: @convention(c) (UnsafeMutableRawPointer?) -> Void
    let putCopyData: @convention(c) (Connection?, UnsafePointer<CChar>?, Int32) -> Int32
    let putCopyEnd: @convention(c) (Connection?, UnsafePointer<CChar>?) -> Int32
    let resultStatus: @convention(c) (QueryResult?) -> Int32
    let resultErrorMessage: @convention(c) (QueryResult?) -> UnsafeMutablePointer<CChar>
    let resultErrorField: @convention(c) (QueryResult?, Int32) -> UnsafeMutablePointer<CChar>?
    let clear: @convention(c) (QueryResult?) -> Void
    let ntuples: @convention(c) (QueryResult?) -> Int32
    let nfields: @convention(c) (QueryResult?) -> Int32
    let ftype: @convention(c) (QueryResult?, Int32) -> Oid
    let cmdTuples: @convention(c) (QueryResult?) -> UnsafeMutablePointer<CChar>
    let getisnull: @convention(c) (QueryResult?, Int32, Int32) -> Int32
    let getvalue: @convention(c) (QueryResult?, Int32, Int32) -> UnsafeMutablePointer<CChar>?

    /// The library's files, tried in order: `$SCICOLLAB_LIBPQ` alone when it is set (a libpq outside the loader's
    /// search path), else libpq 5 where the platform's packages put it.
    static var fileNames: [String] {
        if let path = ProcessInfo.processInfo.environment["SCICOLLAB_LIBPQ"], !path.isEmpty { return [path] }
        #if os(macOS)
        return ["libpq.5.dylib", "/opt/homebrew/opt/libpq/lib/libpq.5.dylib", "/usr/local/opt/libpq/lib/libpq.5.dylib",
                "/Applications/Postgres.app/Contents/Versions/latest/lib/libpq.5.dylib"]
        #else
        return ["libpq.so.5", "libpq.so"]
        #endif
    }

    /// How to install libpq, for the message when it cannot be loaded.
    static var installHint: String {
        #if os(macOS)
        "brew install libpq"
        #else
        "apt-get install libpq5"
        #endif
    }

    /// libpq, loaded once per process.
    /// - Throws: `DatabaseError` naming the files tried and how to install the library when none can be loaded.
    static func loaded() throws -> LibPQ { try loading.get() }

    private static let loading = load()

    private static func load() -> Result<LibPQ, DatabaseError> {
        var reasons: [String] = []
        for name in fileNames {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
                reasons.append(dlerror().map { String(cString: $0) } ?? name)
                continue
            }
            do {
                return .success(try LibPQ(handle: handle, file: name))
            } catch {
                // Another file of that name may be a libpq that has every function.
                dlclose(handle)
                reasons.append(error.message)
            }
        }
        return .failure(DatabaseError(code: 1, message: "a PostgreSQL database needs libpq, PostgreSQL's client library, and it "
            + "could not be loaded (install it with \(installHint), or name the file in SCICOLLAB_LIBPQ): "
            + reasons.joined(separator: "; "), sql: nil))
    }

    private init(handle: UnsafeMutableRawPointer, file: String) throws(DatabaseError) {
        func symbol<T>(_ name: String) throws(DatabaseError) -> T {
            guard let address = dlsym(handle, name) else {
                throw DatabaseError(code: 1, message: "\(file) has no function \(name): libpq 9.2 or later is needed", sql: nil)
            }
            return unsafeBitCast(address, to: T.self)
        }
        connectdb = try symbol("PQconnectdb")
        status = try symbol("PQstatus")
        errorMessage = try symbol("PQerrorMessage")
        finish = try symbol("PQfinish")
        transactionStatus = try symbol("PQtransactionStatus")
        exec = try symbol("PQexec")
        execParams = try symbol("PQexecParams")
        sendQueryParams = try symbol("PQsendQueryParams")
        setSingleRowMode = try symbol("PQsetSingleRowMode")
        getResult = try symbol("PQgetResult")
        prepare = try symbol("PQprepare")
        execPrepared = try symbol("PQexecPrepared")
        escapeLiteral = try symbol("PQescapeLiteral")
        freemem = try symbol("PQfreemem")
        putCopyData = try symbol("PQputCopyData")
        putCopyEnd = try symbol("PQputCopyEnd")
        resultStatus = try symbol("PQresultStatus")
        resultErrorMessage = try symbol("PQresultErrorMessage")
        resultErrorField = try symbol("PQresultErrorField")
        clear = try symbol("PQclear")
        ntuples = try symbol("PQntuples")
        nfields = try symbol("PQnfields")
        ftype = try symbol("PQftype")
        cmdTuples = try symbol("PQcmdTuples")
        getisnull = try symbol("PQgetisnull")
        getvalue = try symbol("PQgetvalue")
    }
}
