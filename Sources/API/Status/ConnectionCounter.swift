import NIOCore

/// Counts one accepted connection in `APIMetrics` from when it is active until it closes (or the handler leaves
/// its pipeline). `APIServer.application` puts one in every connection's pipeline.
final class ConnectionCounter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    private let metrics: APIMetrics
    private var counted = false

    init(metrics: APIMetrics) {
        self.metrics = metrics
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { open() }
    }

    func channelActive(context: ChannelHandlerContext) {
        open()
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        close()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        close()
    }

    private func open() {
        guard !counted else { return }
        counted = true
        metrics.connectionOpened()
    }

    private func close() {
        guard counted else { return }
        counted = false
        metrics.connectionClosed()
    }
}
