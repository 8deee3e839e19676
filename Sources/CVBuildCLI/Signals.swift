import CVBuildKit
import Dispatch
import Foundation

/// SIGINT and SIGTERM stop the running engines, remove the temporary files and exit with
/// 130 / 143. Only the executable installs this.
enum Signals {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func exitCleanlyOnInterrupt() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                BuildCleanup.stopEnginesAndRemoveTemporaries()
                exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }
}
