package batchlab.aws;

import java.net.InetSocketAddress;
import java.net.Socket;
import org.apache.http.HttpHost;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.protocol.HttpContext;

/**
 * The https socket factory of an HTTP client whose endpoints are all plain http (the local emulator):
 * it stands in for the SDK's TLS factory, whose set-up costs a short command much of its start-up,
 * and is never called, since every request goes to an http endpoint override.
 */
enum NoTls implements ConnectionSocketFactory {
  INSTANCE;

  @Override
  public Socket createSocket(HttpContext context) {
    throw refused();
  }

  @Override
  public Socket connectSocket(int connectTimeout, Socket socket, HttpHost host, InetSocketAddress remoteAddress,
      InetSocketAddress localAddress, HttpContext context) {
    throw refused();
  }

  private static IllegalStateException refused() {
    return new IllegalStateException("no TLS set up: every endpoint of these clients is http");
  }
}
