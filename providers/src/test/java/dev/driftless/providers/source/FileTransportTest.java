package dev.driftless.providers.source;

import java.nio.file.Path;

/** The transport contract over {@code file://}, the transport of air-gapped mirrors on a shared disk. */
class FileTransportTest extends TransportContract {

    @Override
    Path repositories() {
        return temp;
    }

    @Override
    SourceSpec spec(Upstream upstream, SourceRef ref) {
        return new SourceSpec(upstream.fileUrl(), ref);
    }
}
