/*
 * Porthole codec benchmarks: the FreeRDP 2 reference side.
 *
 * Decodes one Porthole benchmark input file (see benchmarks/src/main/java/dev/porthole/bench/
 * InputFiles.java for the format) with FreeRDP 2's public codec API, in a timed loop shaped like
 * the JMH benchmarks (warm-up iterations, then measured iterations of fixed duration, each running
 * whole operations), and prints operations per second. One operation is one pass over the file:
 *   bitmap files: every tile through interleaved_decompress() or planar_decompress() straight
 *                 into its place in a frame-sized BGRX32 buffer (bottom-up, as bitmap updates
 *                 are), like the JMH benchmark's Surface;
 *   bulk files:   every payload in order through mppc_decompress(), ncrush_decompress() or
 *                 xcrush_decompress() on one receive context, dispatched on the compression flags
 *                 the way FreeRDP's own bulk_decompress() does (flags without any of 0xE0 pass the
 *                 payload through).
 * Before timing, one checked pass: every call must succeed, bulk output must match the size and
 * FNV-1a-64 the generator recorded, and --dump writes the decoded frame (BGRX32, top row first).
 *
 * Written for Porthole; it only calls FreeRDP's exported API (libfreerdp2, Apache-2.0).
 *
 * Usage: codec_bench [--warmup N] [--warmup-ms MS] [--iterations N] [--iteration-ms MS]
 *                    [--dump FRAME.bgrx] FILE
 * Output (one line, tab-separated): FILE, mean ops/s, standard deviation, then each iteration's ops/s.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <freerdp/codec/bulk.h>
#include <freerdp/codec/color.h>
#include <freerdp/codec/interleaved.h>
#include <freerdp/codec/mppc.h>
#include <freerdp/codec/ncrush.h>
#include <freerdp/codec/planar.h>
#include <freerdp/codec/xcrush.h>
#include <winpr/wlog.h>

#define MAX_ITERATIONS 1000

struct tile {
	uint32_t x, y, width, height, length;
	uint8_t* data;
};

struct packet {
	uint32_t flags, length;
	uint8_t* data;
};

struct input {
	int bulk;           /* 0 bitmap, 1 bulk */
	uint32_t codec;     /* bitmap: 1 interleaved, 2 planar; bulk: compression type 0..3 */
	uint32_t bpp;
	uint32_t frame_width, frame_height;
	uint32_t count;
	struct tile* tiles;
	struct packet* packets;
	uint64_t output_bytes, output_fnv;
};

struct state {
	struct input* in;
	BITMAP_INTERLEAVED_CONTEXT* interleaved;
	BITMAP_PLANAR_CONTEXT* planar;
	MPPC_CONTEXT* mppc;
	NCRUSH_CONTEXT* ncrush;
	XCRUSH_CONTEXT* xcrush;
	uint8_t* frame;
	uint64_t sink;
};

static void die(const char* what, const char* detail)
{
	fprintf(stderr, "codec_bench: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	exit(1);
}

static uint32_t u32(FILE* f)
{
	uint8_t b[4];
	if (fread(b, 1, 4, f) != 4)
		die("truncated input file", NULL);
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static uint64_t u64(FILE* f)
{
	uint64_t lo = u32(f);
	return lo | (uint64_t)u32(f) << 32;
}

static uint8_t* bytes(FILE* f, uint32_t n)
{
	uint8_t* b = malloc(n ? n : 1);
	if (!b)
		die("out of memory", NULL);
	if (fread(b, 1, n, f) != n)
		die("truncated input file", NULL);
	return b;
}

static void load(const char* path, struct input* in)
{
	char magic[4];
	FILE* f = fopen(path, "rb");
	if (!f)
		die(path, strerror(errno));
	if (fread(magic, 1, 4, f) != 4)
		die(path, "not a benchmark input");
	memset(in, 0, sizeof(*in));
	if (memcmp(magic, "PHBM", 4) == 0)
		in->bulk = 0;
	else if (memcmp(magic, "PHBK", 4) == 0)
		in->bulk = 1;
	else
		die(path, "not a benchmark input");
	if (u32(f) != 1)
		die(path, "unknown version");
	in->codec = u32(f);
	if (!in->bulk)
	{
		in->bpp = u32(f);
		in->frame_width = u32(f);
		in->frame_height = u32(f);
		in->count = u32(f);
		in->tiles = calloc(in->count, sizeof(struct tile));
		for (uint32_t i = 0; i < in->count; i++)
		{
			struct tile* t = &in->tiles[i];
			t->x = u32(f);
			t->y = u32(f);
			t->width = u32(f);
			t->height = u32(f);
			t->length = u32(f);
			t->data = bytes(f, t->length);
		}
	}
	else
	{
		in->count = u32(f);
		in->output_bytes = u64(f);
		in->output_fnv = u64(f);
		in->packets = calloc(in->count, sizeof(struct packet));
		for (uint32_t i = 0; i < in->count; i++)
		{
			struct packet* p = &in->packets[i];
			p->flags = u32(f);
			p->length = u32(f);
			p->data = bytes(f, p->length);
		}
	}
	fclose(f);
}

static uint64_t fnv1a64(uint64_t h, const uint8_t* b, size_t n)
{
	for (size_t i = 0; i < n; i++)
	{
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* One pass over the input; returns 0 on success. With check set, bulk output is hashed. */
static int pass(struct state* s, int check, uint64_t* out_bytes, uint64_t* out_fnv)
{
	struct input* in = s->in;
	if (!in->bulk)
	{
		const UINT32 step = in->frame_width * 4;
		for (uint32_t i = 0; i < in->count; i++)
		{
			const struct tile* t = &in->tiles[i];
			/* The destination pointer is the tile's top-left in the frame, with nXDst = nYDst = 0:
			 * FreeRDP 2.11's planar YCoCg path applies nXDst/nYDst to its tile-sized temporary
			 * buffer rather than to the destination, and its own GDI decodes bitmaps at (0, 0). */
			BYTE* dst = s->frame + (size_t)t->y * step + (size_t)t->x * 4;
			BOOL ok;
			if (in->codec == 1)
				ok = interleaved_decompress(s->interleaved, t->data, t->length, t->width, t->height,
				                            in->bpp, dst, PIXEL_FORMAT_BGRX32, step, 0, 0, t->width,
				                            t->height, NULL);
			else
				ok = planar_decompress(s->planar, t->data, t->length, t->width, t->height, dst,
				                       PIXEL_FORMAT_BGRX32, step, 0, 0, t->width, t->height, TRUE);
			if (!ok)
			{
				fprintf(stderr, "codec_bench: tile %u at %u,%u (%ux%u, %u bytes) failed to decode\n", i,
				        t->x, t->y, t->width, t->height, t->length);
				return -1;
			}
		}
		s->sink += s->frame[0];
		return 0;
	}
	uint64_t total = 0;
	uint64_t h = 0xcbf29ce484222325ULL;
	for (uint32_t i = 0; i < in->count; i++)
	{
		const struct packet* p = &in->packets[i];
		BYTE* dst = NULL;
		UINT32 size = 0;
		int status = 0;
		if (p->flags & (PACKET_COMPRESSED | PACKET_AT_FRONT | PACKET_FLUSHED))
		{
			switch (in->codec)
			{
				case 0:
				case 1:
					status = mppc_decompress(s->mppc, p->data, p->length, &dst, &size, p->flags);
					break;
				case 2:
					status = ncrush_decompress(s->ncrush, p->data, p->length, &dst, &size, p->flags);
					break;
				default:
					status = xcrush_decompress(s->xcrush, p->data, p->length, &dst, &size, p->flags);
					break;
			}
		}
		else
		{
			dst = p->data;
			size = p->length;
		}
		if (status < 0)
		{
			fprintf(stderr, "codec_bench: payload %u (flags 0x%02x, %u bytes) failed: status %d\n", i,
			        p->flags, p->length, status);
			return -1;
		}
		total += size;
		if (check)
			h = fnv1a64(h, dst, size);
		else if (size)
			s->sink += dst[size - 1];
	}
	*out_bytes = total;
	*out_fnv = h;
	return 0;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Runs whole passes for at least ms milliseconds; returns passes per second. */
static double iteration(struct state* s, long ms)
{
	uint64_t bytes, fnv;
	long ops = 0;
	const double start = now();
	const double end = start + ms / 1000.0;
	double t;
	do
	{
		if (pass(s, 0, &bytes, &fnv) != 0)
			die("decoding failed during timing", NULL);
		ops++;
		t = now();
	} while (t < end);
	return ops / (t - start);
}

int main(int argc, char** argv)
{
	long warmup = 5, warmup_ms = 1000, iterations = 5, iteration_ms = 2000;
	const char* dump = NULL;
	const char* path = NULL;
	for (int i = 1; i < argc; i++)
	{
		if (i + 1 < argc && strcmp(argv[i], "--warmup") == 0)
			warmup = atol(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "--warmup-ms") == 0)
			warmup_ms = atol(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "--iterations") == 0)
			iterations = atol(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "--iteration-ms") == 0)
			iteration_ms = atol(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "--dump") == 0)
			dump = argv[++i];
		else if (argv[i][0] != '-' && !path)
			path = argv[i];
		else
			die("usage: codec_bench [--warmup N] [--warmup-ms MS] [--iterations N] [--iteration-ms MS] "
			    "[--dump FRAME.bgrx] FILE",
			    NULL);
	}
	if (!path)
		die("no input file", NULL);
	if (iterations < 1 || iterations > MAX_ITERATIONS || warmup < 0 || warmup_ms < 1 || iteration_ms < 1)
		die("bad iteration settings", NULL);

	/* FreeRDP logs decode failures through WLog; keep them, but nothing below errors. */
	WLog_SetLogLevel(WLog_GetRoot(), WLOG_ERROR);

	struct input in;
	load(path, &in);
	struct state s = { 0 };
	s.in = &in;
	if (!in.bulk)
	{
		uint32_t max_w = 0, max_h = 0;
		for (uint32_t i = 0; i < in.count; i++)
		{
			if (in.tiles[i].width > max_w)
				max_w = in.tiles[i].width;
			if (in.tiles[i].height > max_h)
				max_h = in.tiles[i].height;
		}
		s.frame = calloc((size_t)in.frame_width * in.frame_height, 4);
		s.interleaved = bitmap_interleaved_context_new(FALSE);
		s.planar = freerdp_bitmap_planar_context_new(0, max_w, max_h);
		if (!s.frame || !s.interleaved || !s.planar)
			die("cannot create the FreeRDP codec contexts", NULL);
	}
	else
	{
		s.mppc = mppc_context_new(in.codec == 0 ? 0 : 1, FALSE);
		s.ncrush = ncrush_context_new(FALSE);
		s.xcrush = xcrush_context_new(FALSE);
		if (!s.mppc || !s.ncrush || !s.xcrush)
			die("cannot create the FreeRDP bulk contexts", NULL);
	}

	uint64_t out_bytes = 0, out_fnv = 0;
	if (pass(&s, 1, &out_bytes, &out_fnv) != 0)
		die(path, "FreeRDP could not decode the input");
	if (in.bulk && (out_bytes != in.output_bytes || out_fnv != in.output_fnv))
	{
		fprintf(stderr, "codec_bench: %s: FreeRDP produced %llu bytes (FNV %016llx), expected %llu (FNV %016llx)\n",
		        path, (unsigned long long)out_bytes, (unsigned long long)out_fnv,
		        (unsigned long long)in.output_bytes, (unsigned long long)in.output_fnv);
		return 1;
	}
	if (dump && !in.bulk)
	{
		FILE* f = fopen(dump, "wb");
		if (!f || fwrite(s.frame, 4, (size_t)in.frame_width * in.frame_height, f) !=
		              (size_t)in.frame_width * in.frame_height)
			die(dump, "cannot write");
		fclose(f);
	}

	for (long i = 0; i < warmup; i++)
		iteration(&s, warmup_ms);
	double rates[MAX_ITERATIONS];
	double sum = 0;
	for (long i = 0; i < iterations; i++)
	{
		rates[i] = iteration(&s, iteration_ms);
		sum += rates[i];
	}
	double mean = sum / iterations;
	double var = 0;
	for (long i = 0; i < iterations; i++)
		var += (rates[i] - mean) * (rates[i] - mean);
	double sd = iterations > 1 ? sqrt(var / (iterations - 1)) : 0;
	printf("%s\t%.3f\t%.3f", path, mean, sd);
	for (long i = 0; i < iterations; i++)
		printf("\t%.3f", rates[i]);
	printf("\n");

	if (s.interleaved)
		bitmap_interleaved_context_free(s.interleaved);
	if (s.planar)
		freerdp_bitmap_planar_context_free(s.planar);
	if (s.mppc)
		mppc_context_free(s.mppc);
	if (s.ncrush)
		ncrush_context_free(s.ncrush);
	if (s.xcrush)
		xcrush_context_free(s.xcrush);
	free(s.frame);
	return 0;
}
