/*
 * A server application in the xrdp session for Porthole's plugin end-to-end test: opens a dynamic
 * virtual channel to the client with libxrdpapi (WTSVirtualChannelOpenEx(WTS_CURRENT_SESSION, name,
 * WTS_CHANNEL_OPTION_DYNAMIC)), writes data to an echoing plugin on the client and checks that exactly
 * the same bytes come back.
 *
 * Through xrdp's chansrv a channel is a byte stream: chansrv forwards whatever one recv() on the API
 * socket returned as one DVC message, so the checks compare streams, not message boundaries.
 *
 * Usage: dvc-echo-check CHANNEL small|large|many...   (exit 0 when every check passed)
 * Debian ships libxrdpapi without a header; the prototypes below are those of xrdp 0.9's xrdpapi.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define WTS_CURRENT_SESSION 0xffffffff
#define WTS_CHANNEL_OPTION_DYNAMIC 0x00000001

void *WTSVirtualChannelOpenEx(unsigned int SessionId, const char *pVirtualName, unsigned int flags);
int WTSVirtualChannelWrite(void *hChannelHandle, const char *Buffer, unsigned int Length, unsigned int *pBytesWritten);
int WTSVirtualChannelRead(void *hChannelHandle, unsigned int TimeOut, char *Buffer, unsigned int BufferSize,
                          unsigned int *pBytesRead);
int WTSVirtualChannelClose(void *hChannelHandle);

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double last_byte_at; /* when the last echoed byte arrived (timings exclude the quiet check) */

/* Writes len bytes (in pieces, reading between them so neither side stalls) and reads len bytes back. */
static int exchange(void *h, const char *what, const unsigned char *out, size_t len, size_t piece)
{
    unsigned char *in = malloc(len ? len : 1);
    size_t sent = 0, got = 0;
    double deadline = now() + 60;
    while (got < len)
    {
        if (sent < len)
        {
            unsigned int n = (unsigned int) (len - sent < piece ? len - sent : piece);
            unsigned int w = 0;
            if (!WTSVirtualChannelWrite(h, (const char *) out + sent, n, &w))
            {
                printf("FAIL %s: WTSVirtualChannelWrite failed after %zu of %zu bytes\n", what, sent, len);
                free(in);
                return 1;
            }
            sent += w;
        }
        unsigned int r = 0;
        if (!WTSVirtualChannelRead(h, sent < len ? 0 : 200, (char *) in + got, (unsigned int) (len - got), &r))
        {
            printf("FAIL %s: WTSVirtualChannelRead failed (channel closed?) after %zu of %zu bytes back\n", what, got, len);
            free(in);
            return 1;
        }
        got += r;
        if (now() > deadline)
        {
            printf("FAIL %s: %zu of %zu bytes sent, %zu back within 60 s\n", what, sent, len, got);
            free(in);
            return 1;
        }
    }
    last_byte_at = now();
    for (size_t i = 0; i < len; i++)
    {
        if (in[i] != out[i])
        {
            printf("FAIL %s: byte %zu is 0x%02x, sent 0x%02x\n", what, i, in[i], out[i]);
            free(in);
            return 1;
        }
    }
    /* nothing more may arrive */
    unsigned char extra[64];
    unsigned int r = 0;
    if (WTSVirtualChannelRead(h, 300, (char *) extra, sizeof(extra), &r) && r > 0)
    {
        printf("FAIL %s: %u unexpected bytes after the echo\n", what, r);
        free(in);
        return 1;
    }
    free(in);
    return 0;
}

static unsigned int rng = 2463534242u;

static unsigned char next_byte(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return (unsigned char) rng;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc < 3)
    {
        fprintf(stderr, "usage: %s CHANNEL small|large|many...\n", argv[0]);
        return 64;
    }
    /* the plugin may still be starting (or restarting): a refused open returns NULL; retry for 30 s */
    void *h = NULL;
    int attempts = 0;
    double deadline = now() + 30;
    while (h == NULL && now() < deadline)
    {
        attempts++;
        h = WTSVirtualChannelOpenEx(WTS_CURRENT_SESSION, argv[1], WTS_CHANNEL_OPTION_DYNAMIC);
        if (h == NULL)
        {
            usleep(200 * 1000);
        }
    }
    if (h == NULL)
    {
        printf("FAIL open %s: WTSVirtualChannelOpenEx returned NULL %d times in 30 s\n", argv[1], attempts);
        return 2;
    }
    printf("opened %s after %d attempt(s)\n", argv[1], attempts);
    int failed = 0;
    for (int a = 2; a < argc && !failed; a++)
    {
        double t0 = now();
        if (strcmp(argv[a], "small") == 0)
        {
            const char *msg = "hello from the xrdp session";
            failed = exchange(h, "small", (const unsigned char *) msg, strlen(msg), 65536);
            if (!failed)
            {
                printf("ok small %zu bytes %.1f ms\n", strlen(msg), (last_byte_at - t0) * 1000);
            }
        }
        else if (strcmp(argv[a], "large") == 0)
        {
            size_t len = 1 << 20;
            unsigned char *buf = malloc(len);
            for (size_t i = 0; i < len; i++)
            {
                buf[i] = next_byte();
            }
            failed = exchange(h, "large", buf, len, 65536);
            free(buf);
            if (!failed)
            {
                printf("ok large %zu bytes %.1f ms\n", len, (last_byte_at - t0) * 1000);
            }
        }
        else if (strcmp(argv[a], "many") == 0)
        {
            /* 1000 writes of 1..200 bytes, each its own WTSVirtualChannelWrite, then the whole stream back */
            size_t total = 0;
            unsigned char *buf = malloc(1000 * 200);
            size_t sizes[1000];
            for (int i = 0; i < 1000; i++)
            {
                sizes[i] = 1 + next_byte() % 200;
                for (size_t j = 0; j < sizes[i]; j++)
                {
                    buf[total + j] = next_byte();
                }
                total += sizes[i];
            }
            size_t off = 0;
            unsigned char *in = malloc(total);
            size_t got = 0;
            double until = now() + 60;
            for (int i = 0; i < 1000 && !failed; i++)
            {
                unsigned int w = 0;
                while (w == 0)
                {
                    if (!WTSVirtualChannelWrite(h, (const char *) buf + off, (unsigned int) sizes[i], &w))
                    {
                        printf("FAIL many: write %d failed\n", i);
                        failed = 1;
                        break;
                    }
                }
                off += sizes[i];
                unsigned int r = 0;
                if (!failed && WTSVirtualChannelRead(h, 0, (char *) in + got, (unsigned int) (total - got), &r))
                {
                    got += r;
                }
            }
            while (!failed && got < total && now() < until)
            {
                unsigned int r = 0;
                if (!WTSVirtualChannelRead(h, 200, (char *) in + got, (unsigned int) (total - got), &r))
                {
                    printf("FAIL many: read failed after %zu of %zu bytes\n", got, total);
                    failed = 1;
                }
                got += r;
            }
            if (!failed && got < total)
            {
                printf("FAIL many: %zu of %zu bytes back within 60 s\n", got, total);
                failed = 1;
            }
            if (!failed && memcmp(in, buf, total) != 0)
            {
                printf("FAIL many: the echoed stream differs from the 1000 writes\n");
                failed = 1;
            }
            if (!failed)
            {
                printf("ok many 1000 writes %zu bytes %.1f ms\n", total, (now() - t0) * 1000);
            }
            free(in);
            free(buf);
        }
        else
        {
            printf("FAIL unknown check %s\n", argv[a]);
            failed = 1;
        }
    }
    WTSVirtualChannelClose(h);
    return failed ? 1 : 0;
}
