import Foundation

/// A headless Chromium driven through chromedriver (W3C WebDriver), for tests that judge web
/// pages in a real browser.
///
/// It speaks HTTP/1.1 to chromedriver over a plain TCP socket with read and write timeouts (one
/// request per connection), since Foundation's URLSession misbehaves talking to chromedriver on
/// Linux. chromedriver runs on a free port of the loopback interface and is always stopped:
/// `quit()` ends the session and the driver, and so does `deinit`.
public final class WebDriver: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    public static let chromium = "/usr/bin/chromium"
    public static let chromedriver = "/usr/bin/chromedriver"

    /// Whether this machine can run the browser tests (`scripts/install-deps --test` installs both).
    public static var isInstalled: Bool {
        FileManager.default.isExecutableFile(atPath: chromium) && FileManager.default.isExecutableFile(atPath: chromedriver)
    }

    let port: UInt16
    let driver: Process
    let profileFolder: URL
    var session: String?

    /// Starts chromedriver and one browser session with a temporary profile folder.
    public init(windowWidth: Int = 1280, windowHeight: Int = 900) throws {
        port = try Self.freePort()
        profileFolder = FileManager.default.temporaryDirectory.appendingPathComponent("cvtest-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profileFolder, withIntermediateDirectories: true)
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: Self.chromedriver)
        driver.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1", "--log-level=OFF"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        do {
            try waitUntilReady()
            var args = ["--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                        "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-default-apps", "--hide-scrollbars", "--user-data-dir=\(profileFolder.path)",
                        "--window-size=\(windowWidth),\(windowHeight)"]
            if getuid() == 0 { args.append("--no-sandbox") }
            let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
                "browserName": "chrome",
                "goog:chromeOptions": ["binary": Self.chromium, "args": args],
            ]]]
            let reply = try request("POST", "/session", capabilities)
            guard let value = reply["value"] as? [String: Any], let id = value["sessionId"] as? String else {
                throw Failure("chromedriver did not start a session: \(reply)")
            }
            session = id
        } catch {
            quit()
            throw error
        }
    }

    deinit { quit() }

    /// Ends the session (closing the browser) and stops chromedriver.
    public func quit() {
        if let session {
            _ = try? request("DELETE", "/session/\(session)", nil, timeout: 20)
            self.session = nil
        }
        if driver.isRunning {
            driver.terminate()
            let deadline = Date().addingTimeInterval(5)
            while driver.isRunning, Date() < deadline { usleep(20_000) }
            if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
            driver.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: profileFolder)
    }

    // MARK: Commands

    public func navigate(to url: URL) throws {
        _ = try command("POST", "url", ["url": url.absoluteString])
    }

    /// Runs `script` (a function body) in the page and returns its value.
    public func execute(_ script: String, _ args: [Any] = []) throws -> Any? {
        try command("POST", "execute/sync", ["script": script, "args": args])["value"] ?? nil
    }

    /// The viewport as a PNG.
    public func screenshot() throws -> Data {
        guard let base64 = try command("GET", "screenshot", nil)["value"] as? String, let data = Data(base64Encoded: base64) else {
            throw Failure("no screenshot")
        }
        return data
    }

    /// Emulates a screen `width` CSS pixels wide (a phone when `mobile`), below the smallest window
    /// headless Chromium opens, through the DevTools protocol.
    public func emulate(width: Int, height: Int, mobile: Bool) throws {
        _ = try command("POST", "goog/cdp/execute", ["cmd": "Emulation.setDeviceMetricsOverride",
            "params": ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile]])
    }

    func command(_ method: String, _ path: String, _ body: Any?) throws -> [String: Any] {
        guard let session else { throw Failure("no session") }
        let reply = try request(method, "/session/\(session)/\(path)", body)
        if let value = reply["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure("\(path): \(error): \(value["message"] ?? "")")
        }
        return reply
    }

    // MARK: HTTP over a socket

    func waitUntilReady() throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let reply = try? request("GET", "/status", nil, timeout: 2),
               let value = reply["value"] as? [String: Any], value["ready"] as? Bool == true {
                return
            }
            guard driver.isRunning else { throw Failure("chromedriver exited with status \(driver.terminationStatus)") }
            usleep(100_000)
        }
        throw Failure("chromedriver did not answer on port \(port) within 20 s")
    }

    func request(_ method: String, _ path: String, _ body: Any?, timeout: Int = 60) throws -> [String: Any] {
        let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nAccept: application/json\r\n"
        if body != nil { head += "Content-Type: application/json; charset=utf-8\r\n" }
        head += "Content-Length: \(payload.count)\r\n\r\n"
        let response = try Self.exchange(port: port, Data(head.utf8) + payload, timeout: timeout)
        guard let split = response.range(of: Data("\r\n\r\n".utf8)) else { throw Failure("\(method) \(path): no HTTP header in the reply") }
        let header = String(decoding: response[..<split.lowerBound], as: UTF8.self)
        var content = Data(response[split.upperBound...])
        if header.lowercased().contains("transfer-encoding: chunked") { content = Self.dechunk(content) }
        guard let object = try JSONSerialization.jsonObject(with: content) as? [String: Any] else {
            throw Failure("\(method) \(path): the reply is not a JSON object: \(header)")
        }
        return object
    }

    static func exchange(port: UInt16, _ data: Data, timeout: Int) throws -> Data {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = loopback(port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure("connect to port \(port): \(String(cString: strerror(errno)))") }
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var sent = 0
            while sent < bytes.count {
                let n = send(fd, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                if n < 0 { if errno == EINTR { continue }; throw Failure("send: \(String(cString: strerror(errno)))") }
                sent += n
            }
        }
        // chromedriver answers `Connection: close` but keeps the connection open: read the header,
        // then as many bytes as it announces (or chunks up to the last one).
        var reply = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !isComplete(reply) {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure("no reply within \(timeout) s: \(String(cString: strerror(errno)))")
            }
            reply.append(contentsOf: buffer[0..<n])
        }
        return reply
    }

    /// Whether `reply` holds a whole HTTP response.
    static func isComplete(_ reply: Data) -> Bool {
        guard let split = reply.range(of: Data("\r\n\r\n".utf8)) else { return false }
        let header = String(decoding: reply[..<split.lowerBound], as: UTF8.self).lowercased()
        let body = reply.count - split.upperBound
        for line in header.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = parts[0].trimmingCharacters(in: .whitespaces), value = parts[1].trimmingCharacters(in: .whitespaces)
            if name == "content-length", let length = Int(value) { return body >= length }
            if name == "transfer-encoding", value.contains("chunked") { return reply.suffix(5) == Data("0\r\n\r\n".utf8) }
        }
        return false
    }

    static func dechunk(_ data: Data) -> Data {
        var out = Data()
        var rest = data[...]
        while let line = rest.range(of: Data("\r\n".utf8)) {
            let size = Int(String(decoding: rest[..<line.lowerBound], as: UTF8.self).split(separator: ";")[0]
                .trimmingCharacters(in: .whitespaces), radix: 16) ?? 0
            if size == 0 { break }
            let start = line.upperBound
            guard let end = rest.index(start, offsetBy: size, limitedBy: rest.endIndex) else { break }
            out.append(rest[start..<end])
            rest = rest[min(rest.endIndex, rest.index(end, offsetBy: 2, limitedBy: rest.endIndex) ?? rest.endIndex)...]
        }
        return out
    }

    static func loopback(_ port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// A port no one listens on now: the kernel's pick for a socket bound to port 0.
    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = loopback(0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw Failure("bind: \(String(cString: strerror(errno)))") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw Failure("getsockname: \(String(cString: strerror(errno)))") }
        return UInt16(bigEndian: address.sin_port)
    }
}
