// SPDX-License-Identifier: GPL-2.0
/*
 * Jool's JSON configuration files ("jool file handle", "jool_siit file
 * handle"), read into the statements of a configuration (conf.c): a small
 * JSON reader (RFC 8259, the whole file in memory, each value with its
 * line), then the mapping of Jool's fields onto joolctl's words.
 *
 * Fields that mean nothing here ("instance", "framework", Jool globals
 * that jool-netdev lacks) get one warning line each on stderr and are
 * ignored; "comment" is ignored silently, as Jool does.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "util.h"

/* Nesting deeper than this is refused (no configuration needs 4). */
#define JSON_DEPTH_MAX	16
#define JSON_SIZE_MAX	(256u << 20)

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

/**
 * struct jval - a JSON value
 * @type: what it is
 * @line: the line it starts on
 * @key: its name, if it is an object's member
 * @text: a string's text, a number's as written, "true" or "false"
 * @v: an array's or object's values
 * @n: how many
 */
struct jval {
	enum jtype type;
	unsigned long line;
	char *key;
	char *text;
	struct jval *v;
	size_t n;
};

struct jparser {
	const char *s;
	const char *end;
	unsigned long line;
	const char *file;
};

static void jfree(struct jval *j)
{
	size_t i;

	for (i = 0; i < j->n; i++)
		jfree(&j->v[i]);
	free(j->v);
	free(j->key);
	free(j->text);
}

static int jerr(const struct jparser *p, const char *what)
{
	return usage_err("%s:%lu: invalid JSON: %s", p->file, p->line, what);
}

static void skip_blanks(struct jparser *p)
{
	for (; p->s < p->end; p->s++) {
		if (*p->s == '\n')
			p->line++;
		else if (!*p->s || !strchr(" \t\r", *p->s))
			break;
	}
}

/* Appends the UTF-8 of @cp to @out at *@o. */
static void put_utf8(char *out, size_t *o, unsigned int cp)
{
	if (cp < 0x80) {
		out[(*o)++] = cp;
	} else if (cp < 0x800) {
		out[(*o)++] = 0xc0 | cp >> 6;
		out[(*o)++] = 0x80 | (cp & 0x3f);
	} else {
		out[(*o)++] = 0xe0 | cp >> 12;
		out[(*o)++] = 0x80 | (cp >> 6 & 0x3f);
		out[(*o)++] = 0x80 | (cp & 0x3f);
	}
}

/* A string, after its opening quote, into a new buffer *@out. */
static int parse_string(struct jparser *p, char **out)
{
	const char *start = p->s;
	size_t o = 0;
	unsigned int cp;
	char *buf, hex[5] = { 0 }, *end;

	while (p->s < p->end && *p->s != '"')
		p->s += *p->s == '\\' && p->s + 1 < p->end ? 2 : 1;
	if (p->s >= p->end)
		return jerr(p, "unterminated string");
	/* Escapes never make the text longer (\uXXXX: 3 bytes at most). */
	buf = malloc(p->s - start + 1);
	if (!buf)
		return runtime_err("out of memory");
	for (p->s = start; *p->s != '"'; p->s++) {
		if ((unsigned char)*p->s < 0x20) {
			free(buf);
			return jerr(p, "control character in a string");
		}
		if (*p->s != '\\') {
			buf[o++] = *p->s;
			continue;
		}
		p->s++;
		switch (*p->s) {
		case '"': case '\\': case '/':
			buf[o++] = *p->s;
			break;
		case 'b': buf[o++] = '\b'; break;
		case 'f': buf[o++] = '\f'; break;
		case 'n': buf[o++] = '\n'; break;
		case 'r': buf[o++] = '\r'; break;
		case 't': buf[o++] = '\t'; break;
		case 'u':
			if (p->end - p->s < 5)
				goto bad;
			memcpy(hex, p->s + 1, 4);
			cp = strtoul(hex, &end, 16);
			if (*end || strspn(hex, "0123456789abcdefABCDEF") != 4 ||
			    !cp || (cp >= 0xd800 && cp < 0xe000))
				goto bad;
			put_utf8(buf, &o, cp);
			p->s += 4;
			break;
		default:
			goto bad;
		}
	}
	p->s++;
	buf[o] = '\0';
	*out = buf;
	return 0;
bad:
	free(buf);
	return jerr(p, "invalid escape in a string (\\u0000 and surrogates are refused)");
}

static int parse_value(struct jparser *p, struct jval *j, int depth);

/* Refuses the last member of object @j if an earlier one has its name. */
static int check_unique(const struct jparser *p, const struct jval *j)
{
	const char *key = j->v[j->n - 1].key;
	size_t i;

	for (i = 0; i + 1 < j->n; i++) {
		if (!strcmp(j->v[i].key, key))
			return usage_err("%s:%lu: \"%s\" given twice", p->file,
					 p->line, key);
	}
	return 0;
}

/* The elements of an array or the members of an object, after '[' or '{'. */
static int parse_items(struct jparser *p, struct jval *j, int depth)
{
	char close = j->type == J_ARR ? ']' : '}';
	size_t cap = 0;
	struct jval *e;
	int ret;

	skip_blanks(p);
	if (p->s < p->end && *p->s == close) {
		p->s++;
		return 0;
	}
	for (;;) {
		if (grow_array((void **)&j->v, &cap, j->n, sizeof(*j->v), 8))
			return runtime_err("out of memory");
		e = &j->v[j->n++];
		memset(e, 0, sizeof(*e));
		skip_blanks(p);
		if (j->type == J_OBJ) {
			if (p->s >= p->end || *p->s != '"')
				return jerr(p, "expected a member name");
			p->s++;
			ret = parse_string(p, &e->key);
			if (ret)
				return ret;
			ret = check_unique(p, j);
			if (ret)
				return ret;
			skip_blanks(p);
			if (p->s >= p->end || *p->s != ':')
				return jerr(p, "expected ':' after a member name");
			p->s++;
		}
		ret = parse_value(p, e, depth + 1);
		if (ret)
			return ret;
		skip_blanks(p);
		if (p->s < p->end && *p->s == ',') {
			p->s++;
			continue;
		}
		if (p->s < p->end && *p->s == close) {
			p->s++;
			return 0;
		}
		return jerr(p, j->type == J_ARR ? "expected ',' or ']'" :
			    "expected ',' or '}'");
	}
}

static int parse_word(struct jparser *p, struct jval *j)
{
	static const struct {
		const char *word;
		enum jtype type;
	} words[] = {
		{ "true", J_BOOL }, { "false", J_BOOL }, { "null", J_NULL },
	};
	size_t i, len;

	for (i = 0; i < ARRAY_SIZE(words); i++) {
		len = strlen(words[i].word);
		if ((size_t)(p->end - p->s) >= len &&
		    !strncmp(p->s, words[i].word, len)) {
			j->type = words[i].type;
			j->text = strdup(words[i].word);
			p->s += len;
			return j->text ? 0 : runtime_err("out of memory");
		}
	}
	/* A number: kept as written; the statement's parser judges it. */
	len = strspn(p->s, "-+.0123456789eE");
	if (!len || p->s + len > p->end)
		return jerr(p, "unexpected character");
	j->type = J_NUM;
	j->text = strndup(p->s, len);
	p->s += len;
	return j->text ? 0 : runtime_err("out of memory");
}

static int parse_value(struct jparser *p, struct jval *j, int depth)
{
	if (depth > JSON_DEPTH_MAX)
		return jerr(p, "nested too deep");
	skip_blanks(p);
	j->line = p->line;
	if (p->s >= p->end)
		return jerr(p, "unexpected end of the file");
	switch (*p->s) {
	case '{':
		p->s++;
		j->type = J_OBJ;
		return parse_items(p, j, depth);
	case '[':
		p->s++;
		j->type = J_ARR;
		return parse_items(p, j, depth);
	case '"':
		p->s++;
		j->type = J_STR;
		return parse_string(p, &j->text);
	}
	return parse_word(p, j);
}

/* ---- Jool's fields ---- */

static void warn(const struct conf *c, const struct jval *j, const char *why)
{
	fprintf(stderr, "joolctl: %s:%lu: warning: \"%s\" %s; ignored\n",
		c->file, j->line, j->key, why);
}

static const struct jval *member(const struct jval *obj, const char *key)
{
	size_t i;

	for (i = 0; i < obj->n; i++) {
		if (!strcmp(obj->v[i].key, key))
			return &obj->v[i];
	}
	return NULL;
}

static int expect(const struct conf *c, const struct jval *j,
		  enum jtype type, const char *what)
{
	if (j->type == type)
		return 0;
	return usage_err("%s:%lu: \"%s\" must be %s", c->file, j->line,
			 j->key ? j->key : "each element", what);
}

/* A scalar as one word (null: "none", for unset prefixes). */
static const char *scalar(const struct jval *j)
{
	return j->type == J_NULL ? "none" : j->text;
}

/* "mtu-plateaus": [65535, 32000] as "65535,32000". */
static int join_numbers(const struct conf *c, const struct jval *arr,
			char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < arr->n; i++) {
		if (arr->v[i].type != J_NUM)
			return usage_err("%s:%lu: \"%s\" must be a list of numbers",
					 c->file, arr->line, arr->key);
		len += snprintf(buf + len, size > len ? size - len : 0, "%s%s",
				i ? "," : "", arr->v[i].text);
	}
	return len < size ? 0 : usage_err("%s:%lu: \"%s\" is too long",
					  c->file, arr->line, arr->key);
}

static bool known_global(const char *name)
{
	size_t i;

	for (i = 0; i < GK_COUNT; i++) {
		if (!strcmp(global_keys[i].name, name))
			return true;
	}
	return false;
}

static int read_globals(struct conf *c, const struct jval *obj)
{
	char buf[GLOBAL_TEXT_MAX * 2];
	const struct jval *g;
	char *argv[4];
	size_t i;
	int ret;

	ret = expect(c, obj, J_OBJ, "an object");
	for (i = 0; !ret && i < obj->n; i++) {
		g = &obj->v[i];
		if (!strcmp(g->key, "comment"))
			continue;
		if (!known_global(g->key)) {
			warn(c, g, "is a Jool global jool-netdev does not have");
			continue;
		}
		argv[0] = "global";
		argv[1] = g->key;
		if (g->type == J_ARR)
			ret = join_numbers(c, g, buf, sizeof(buf));
		else if (g->type == J_OBJ)
			ret = usage_err("%s:%lu: \"%s\" cannot be an object",
					c->file, g->line, g->key);
		else
			snprintf(buf, sizeof(buf), "%s", scalar(g));
		argv[2] = buf;
		argv[3] = NULL;
		if (!ret)
			ret = conf_statement(c, 3, argv, g->line);
	}
	return ret;
}

/*
 * A member of a table's entry: its value becomes a word of the statement
 * ("TABLE add" and the members' words, in the order of the fields).
 */
struct jfield {
	const char *key;
	const char *word;	/* said before the value, or NULL */
	bool required;
	bool lower;		/* "TCP" -> "tcp" */
};

static int read_entry(struct conf *c, const struct jval *e, const char *table,
		      const struct jfield *fields, size_t nfields)
{
	char *argv[2 + 2 * 8 + 1], low[16];
	const struct jval *m;
	int argc = 0;
	size_t i, k;

	if (e->type != J_OBJ)
		return usage_err("%s:%lu: each entry of \"%s\" must be an object",
				 c->file, e->line, table);
	for (i = 0; i < e->n; i++) {
		for (k = 0; k < nfields; k++) {
			if (!strcmp(e->v[i].key, fields[k].key))
				break;
		}
		if (k == nfields && strcmp(e->v[i].key, "comment"))
			return usage_err("%s:%lu: unknown field \"%s\" in a \"%s\" entry",
					 c->file, e->v[i].line, e->v[i].key,
					 table);
		if (k < nfields && (e->v[i].type == J_ARR ||
				    e->v[i].type == J_OBJ))
			return usage_err("%s:%lu: \"%s\" must be a string or a number",
					 c->file, e->v[i].line, e->v[i].key);
	}
	argv[argc++] = (char *)(strcmp(table, "blacklist4") ? table :
				"denylist4");
	argv[argc++] = "add";
	for (k = 0; k < nfields; k++) {
		m = member(e, fields[k].key);
		if (!m && fields[k].required)
			return usage_err("%s:%lu: a \"%s\" entry needs \"%s\"",
					 c->file, e->line, table, fields[k].key);
		if (!m || m->type == J_NULL)
			continue;
		if (fields[k].word)
			argv[argc++] = (char *)fields[k].word;
		if (fields[k].lower) {
			snprintf(low, sizeof(low), "%s", m->text);
			for (i = 0; low[i]; i++)
				low[i] = low[i] >= 'A' && low[i] <= 'Z' ?
					 low[i] - 'A' + 'a' : low[i];
			argv[argc++] = low;
		} else {
			argv[argc++] = m->text;
		}
	}
	argv[argc] = NULL;
	return conf_statement(c, argc, argv, e->line);
}

static const struct jfield eamt_fields[] = {
	{ "ipv6 prefix", NULL, true, false },
	{ "ipv4 prefix", NULL, true, false },
};

static const struct jfield pool4_fields[] = {
	{ "protocol", NULL, false, true },
	{ "prefix", NULL, true, false },
	{ "port range", NULL, false, false },
	{ "mark", "mark", false, false },
	{ "max-iterations", "max-iterations", false, false },
};

static const struct jfield bib_fields[] = {
	{ "protocol", NULL, false, true },
	{ "ipv6 address", NULL, true, false },
	{ "ipv4 address", NULL, true, false },
};

static int read_table(struct conf *c, const struct jval *arr,
		      const struct jfield *fields, size_t nfields)
{
	char *argv[4];
	size_t i;
	int ret;

	ret = expect(c, arr, J_ARR, "a list");
	for (i = 0; !ret && i < arr->n; i++) {
		if (fields) {
			ret = read_entry(c, &arr->v[i], arr->key, fields,
					 nfields);
			continue;
		}
		/* denylist4: a list of prefixes. */
		ret = expect(c, &arr->v[i], J_STR, "a list of prefixes");
		argv[0] = "denylist4";
		argv[1] = "add";
		argv[2] = arr->v[i].text;
		argv[3] = NULL;
		if (!ret)
			ret = conf_statement(c, 3, argv, arr->v[i].line);
	}
	return ret;
}

/* The top-level object. */
static int read_jool(struct conf *c, const struct jval *top)
{
	const struct jval *m;
	size_t i;
	int ret = 0;

	if (top->type != J_OBJ)
		return usage_err("%s:%lu: a Jool configuration is a JSON object",
				 c->file, top->line);
	for (i = 0; !ret && i < top->n; i++) {
		m = &top->v[i];
		if (!strcmp(m->key, "comment"))
			continue;
		if (!strcmp(m->key, "instance"))
			warn(c, m, "has no meaning here (the device is named on the command line)");
		else if (!strcmp(m->key, "framework"))
			warn(c, m, "has no meaning here (a jool device is a net device)");
		else if (!strcmp(m->key, "global"))
			ret = read_globals(c, m);
		else if (!strcmp(m->key, "eamt"))
			ret = read_table(c, m, eamt_fields,
					 ARRAY_SIZE(eamt_fields));
		else if (!strcmp(m->key, "denylist4") ||
			 !strcmp(m->key, "blacklist4"))
			ret = read_table(c, m, NULL, 0);
		else if (!strcmp(m->key, "pool4"))
			ret = read_table(c, m, pool4_fields,
					 ARRAY_SIZE(pool4_fields));
		else if (!strcmp(m->key, "bib"))
			ret = read_table(c, m, bib_fields,
					 ARRAY_SIZE(bib_fields));
		else
			warn(c, m, "is not a field jool-netdev knows");
	}
	return ret;
}

/**
 * conf_parse_json() - a Jool JSON configuration file
 * @c: the configuration it fills
 * @f: the file, at its '{'
 * @line: the number of the line of that '{'
 *
 * Return: 0, or the exit status of the first error (reported with the
 * line).
 */
int conf_parse_json(struct conf *c, FILE *f, unsigned long line)
{
	struct jparser p = { .line = line, .file = c->file };
	struct jval top = { 0 };
	size_t len = 0, cap = 0, got;
	char *buf = NULL, *nbuf;
	int ret;

	do {
		if (len == cap) {
			cap = cap ? 2 * cap : 65536;
			if (cap > JSON_SIZE_MAX) {
				free(buf);
				return usage_err("%s: the JSON file is too big",
						 c->file);
			}
			/* One more byte: the text ends with a NUL. */
			nbuf = realloc(buf, cap + 1);
			if (!nbuf) {
				free(buf);
				return runtime_err("out of memory");
			}
			buf = nbuf;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got);
	if (ferror(f)) {
		free(buf);
		return usage_err("cannot read %s: %s", c->file, strerror(errno));
	}
	buf[len] = '\0';
	p.s = buf;
	p.end = buf + len;
	ret = parse_value(&p, &top, 0);
	if (!ret) {
		skip_blanks(&p);
		if (p.s < p.end)
			ret = jerr(&p, "text after the object");
	}
	if (!ret)
		ret = read_jool(c, &top);
	jfree(&top);
	free(buf);
	return ret;
}
