package dev.conduit.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 that a test owns, to make a real PostgreSQL unreachable and reachable
 * again. {@link #forward()} passes bytes through; {@link #reset()} closes every connection and
 * closes new ones at once (a crashed server or a network reset); {@link #hang()} holds every byte
 * in both directions (a black-holed network), so only timeouts help.
 */
final class TcpProxy implements AutoCloseable {
  enum Mode {
    FORWARD,
    RESET,
    HANG
  }

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile Mode mode = Mode.FORWARD;

  TcpProxy(String targetHost, int targetPort) throws IOException {
    this.target = new InetSocketAddress(targetHost, targetPort);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy in front of the server that {@code jdbc:postgresql://host:port/db?...} names. */
  static TcpProxy inFrontOf(String jdbcUrl) throws IOException {
    java.net.URI uri = java.net.URI.create(jdbcUrl.substring("jdbc:".length()));
    return new TcpProxy(uri.getHost(), uri.getPort());
  }

  /** The same JDBC URL, through this proxy. */
  String route(String jdbcUrl) {
    return jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + port() + "/");
  }

  int port() {
    return server.getLocalPort();
  }

  void forward() {
    mode = Mode.FORWARD;
  }

  void hang() {
    mode = Mode.HANG;
  }

  void reset() {
    mode = Mode.RESET;
    closeAll();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (mode == Mode.RESET) {
        closeQuietly(client);
        continue;
      }
      open.add(client);
      Thread t = new Thread(() -> connect(client), "tcp-proxy-conn");
      t.setDaemon(true);
      t.start();
    }
  }

  private void connect(Socket client) {
    Socket upstream = new Socket();
    try {
      upstream.connect(target, 5_000);
    } catch (IOException e) {
      closeQuietly(client);
      closeQuietly(upstream);
      return;
    }
    open.add(upstream);
    pump(client, upstream);
    pump(upstream, client);
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                  while (mode == Mode.HANG) {
                    Thread.sleep(10);
                  }
                  if (mode == Mode.RESET) {
                    break;
                  }
                  out.write(buf, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // connection closed: fall through to close both ends
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private void closeAll() {
    for (Socket s : open) {
      closeQuietly(s);
    }
    open.clear();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    mode = Mode.RESET;
    server.close();
    closeAll();
  }
}
