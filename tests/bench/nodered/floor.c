// The least a gateway can do for the side-by-side job, as a yardstick for the ratios tests/bench/nodered/run.sh prints:
// one thread, blocking sockets, no framework. Every POLL_MS it reads POINTS uint32 points (holding registers
// 0..2*POINTS-1, in reads of at most 62 points like both gateways) from each of DEVICES Modbus TCP connections,
// turns each device's poll into one JSON telemetry message of the gateway's shape, optionally writes the messages to
// a file and fdatasync()s it once per poll cycle (durable before publish, as EdgeTwin's outbox is), publishes them
// QoS 1 on one MQTT 3.1.1 connection and waits for their PUBACKs. No twin, no history, no retries, no reconnects:
// any error ends it with a message and exit 1.
//
//   floor MODBUS_PORT MQTT_PORT DEVICES POINTS POLL_MS TOPIC_ROOT [DURABLE_FILE]
//
// Binds nothing; connects to 127.0.0.1 only.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { PER_READ = 62 };
#define RING ((size_t)8 << 20)

static void fail(const char *what) {
  fprintf(stderr, "floor: %s: %s\n", what, errno ? strerror(errno) : "unexpected reply");
  exit(1);
}

static int connect_to(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) fail("socket");
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) fail("connect");
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

static void send_all(int fd, const void *p, size_t n, const char *what) {
  for (const char *c = p; n > 0;) {
    ssize_t w = send(fd, c, n, 0);
    if (w <= 0) fail(what);
    c += w;
    n -= (size_t)w;
  }
}

static void recv_all(int fd, void *p, size_t n, const char *what) {
  for (char *c = p; n > 0;) {
    ssize_t r = recv(fd, c, n, 0);
    if (r <= 0) {
      if (r == 0) errno = 0;
      fail(what);
    }
    c += r;
    n -= (size_t)r;
  }
}

// MQTT remaining length (variable byte integer); returns the bytes written.
static size_t put_length(uint8_t *p, size_t n) {
  size_t i = 0;
  do {
    uint8_t b = n % 128;
    n /= 128;
    p[i++] = b | (n > 0 ? 0x80 : 0);
  } while (n > 0);
  return i;
}

static size_t put_decimal(char *p, uint32_t v) {
  char digits[10];
  size_t n = 0;
  do {
    digits[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v > 0);
  for (size_t i = 0; i < n; i++) p[i] = digits[n - 1 - i];
  return n;
}

int main(int argc, char **argv) {
  if (argc < 7) {
    fprintf(stderr, "usage: floor MODBUS_PORT MQTT_PORT DEVICES POINTS POLL_MS TOPIC_ROOT [DURABLE_FILE]\n");
    return 2;
  }
  int modbus_port = atoi(argv[1]), mqtt_port = atoi(argv[2]), devices = atoi(argv[3]), points = atoi(argv[4]);
  long poll_ms = atol(argv[5]);
  const char *root = argv[6];
  int durable = argc > 7 ? open(argv[7], O_WRONLY | O_CREAT, 0600) : -1;
  if (argc > 7 && durable < 0) fail(argv[7]);
  if (devices < 1 || points < 1 || points > 10000 || poll_ms < 1) {
    fprintf(stderr, "floor: DEVICES and POLL_MS must be positive, POINTS 1..10000\n");
    return 2;
  }

  int mqtt = connect_to(mqtt_port);
  uint8_t connect_packet[] = {0x10, 18, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 6, 'f', 'l', 'o', 'o', 'r', '1'};
  send_all(mqtt, connect_packet, sizeof connect_packet, "MQTT CONNECT");
  uint8_t connack[4];
  recv_all(mqtt, connack, sizeof connack, "MQTT CONNACK");
  if (connack[0] != 0x20 || connack[3] != 0) {
    errno = 0;
    fail("MQTT CONNACK refused");
  }

  int *modbus = calloc((size_t)devices, sizeof *modbus);
  for (int d = 0; d < devices; d++) modbus[d] = connect_to(modbus_port);
  int reads = (points + PER_READ - 1) / PER_READ;
  uint32_t *values = calloc((size_t)devices * (size_t)points, sizeof *values);
  // A sample is at most ~80 bytes of JSON; the packets of one cycle are built back to back in one buffer.
  size_t room = (size_t)devices * ((size_t)points * 96 + 256);
  uint8_t *out = malloc(room), *reply = malloc(9 + 2 * 2 * PER_READ);
  uint16_t tid = 0, packet_id = 0;
  size_t offset = 0;

  struct timespec next;
  clock_gettime(CLOCK_MONOTONIC, &next);
  for (;;) {
    next.tv_nsec += poll_ms * 1000000L;
    next.tv_sec += next.tv_nsec / 1000000000L;
    next.tv_nsec %= 1000000000L;
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR) {
    }

    // Read: each read goes out to every device before the replies are collected.
    for (int r = 0; r < reads; r++) {
      int first = r * PER_READ, count = points - first < PER_READ ? points - first : PER_READ;
      for (int d = 0; d < devices; d++) {
        uint16_t t = ++tid, address = (uint16_t)(first * 2), quantity = (uint16_t)(count * 2);
        uint8_t request[12] = {t >> 8, t & 0xFF, 0, 0, 0, 6, 1, 3, address >> 8, address & 0xFF, quantity >> 8, quantity & 0xFF};
        send_all(modbus[d], request, sizeof request, "Modbus request");
      }
      for (int d = 0; d < devices; d++) {
        size_t length = 9 + (size_t)count * 4;
        recv_all(modbus[d], reply, length, "Modbus reply");
        if (reply[7] != 3 || reply[8] != count * 4) {
          errno = 0;
          fail("Modbus exception or short reply");
        }
        for (int i = 0; i < count; i++) {
          const uint8_t *v = reply + 9 + 4 * i;
          values[(size_t)d * points + first + i] = (uint32_t)v[0] << 24 | (uint32_t)v[1] << 16 | (uint32_t)v[2] << 8 | v[3];
        }
      }
    }

    // Encode one PUBLISH (QoS 1) per device with the JSON message as its payload.
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    struct tm utc;
    gmtime_r(&now.tv_sec, &utc);
    char ts[96];
    size_t ts_length = (size_t)snprintf(ts, sizeof ts, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
             utc.tm_hour, utc.tm_min, utc.tm_sec, now.tv_nsec / 1000000);
    size_t used = 0;
    static char payload[1 << 20], topic[256];
    for (int d = 0; d < devices; d++) {
      int n = snprintf(payload, sizeof payload, "{\"device\":\"d%03d\",\"samples\":[", d);
      // Each sample by copying its fixed text and writing the value's digits: no printf per sample.
      for (int i = 0; i < points; i++) {
        char *p = payload + n;
        if (i) *p++ = ',';
        memcpy(p, "{\"point\":\"p", 11);
        p += 11;
        for (int k = 3, v = i; k >= 0; k--, v /= 10) p[k] = (char)('0' + v % 10);
        p += 4;
        memcpy(p, "\",\"ts\":\"", 8);
        p += 8;
        memcpy(p, ts, ts_length);
        p += ts_length;
        memcpy(p, "\",\"value\":", 10);
        p += 10;
        p += put_decimal(p, values[(size_t)d * points + i]);
        memcpy(p, ",\"quality\":\"good\"}", 18);
        p += 18;
        n = (int)(p - payload);
      }
      n += snprintf(payload + n, sizeof payload - (size_t)n, "]}");
      int topic_length = snprintf(topic, sizeof topic, "%s/telemetry/d%03d", root, d);
      uint16_t pid = ++packet_id ? packet_id : ++packet_id;
      out[used++] = 0x32;
      used += put_length(out + used, 2 + (size_t)topic_length + 2 + (size_t)n);
      out[used++] = (uint8_t)(topic_length >> 8);
      out[used++] = (uint8_t)topic_length;
      memcpy(out + used, topic, (size_t)topic_length);
      used += (size_t)topic_length;
      out[used++] = (uint8_t)(pid >> 8);
      out[used++] = (uint8_t)pid;
      memcpy(out + used, payload, (size_t)n);
      used += (size_t)n;
    }

    // Durable before published: one append and one fdatasync for the whole cycle (a group commit).
    // The file is a ring of RING bytes, so that once it has wrapped (within seconds) the writes overwrite blocks in
    // place, as a store that reuses its pages does, rather than growing the file.
    if (durable >= 0) {
      for (size_t done = 0; done < used;) {
        size_t part = used - done < RING - offset ? used - done : RING - offset;
        if (pwrite(durable, out + done, part, (off_t)offset) != (ssize_t)part) fail("write");
        done += part;
        offset = (offset + part) % RING;
      }
      if (fdatasync(durable) < 0) fail("fdatasync");
    }
    send_all(mqtt, out, used, "MQTT PUBLISH");
    for (int d = 0; d < devices; d++) {
      uint8_t ack[4];
      recv_all(mqtt, ack, sizeof ack, "MQTT PUBACK");
      if (ack[0] != 0x40) {
        errno = 0;
        fail("MQTT PUBACK expected");
      }
    }
  }
}
