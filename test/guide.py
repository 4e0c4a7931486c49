#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Run the commands of a Markdown guide (docs/*.md), as written.

A code block (fenced, or indented by four spaces) runs only if an HTML
comment just before it (blank lines between are fine) says where:

  <!-- guide: run NS -->         each command in network namespace NS, in
                                 order; one that fails fails the block
  <!-- guide: bg NS [PORT] -->   the block, in the background in NS; with
                                 PORT, wait until something listens on it
                                 (TCP or UDP)
  <!-- guide: check NS -->       each command is a check of its own, which
                                 must succeed (ping, curl, dig | grep ...)
  <!-- guide: file NS PATH -->   the block is the content of the file PATH
                                 as NS sees it (a path under /etc/ goes to
                                 /etc/netns/NS/, which "ip netns exec"
                                 mounts over /etc)

Other blocks are explanations. A command is a line, or lines joined by a
trailing backslash; lines starting with # are comments. Commands run with
bash -c, with PATH set to the system's and to the joolctl of this tree,
in a scratch directory. The namespaces (the lab) must exist already.

Prints "ok - ..." or "not ok - ..." per block (run, bg, file) and per
check, then "GUIDE: N passed, M failed". A failed block does not stop the
guide: what follows is run anyway, and says what else went wrong.
With --dry-run, prints what it would run and runs nothing. With --only NS,
runs only the blocks of namespace NS (a machine of the guide set up again).
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

MARK = re.compile(r'^\s*<!--\s*guide:\s*(.*?)\s*-->\s*$')
FENCE = re.compile(r'^(\s*)(```+|~~~+)')
KINDS = {'run': (1, 1), 'bg': (1, 2), 'check': (1, 1), 'file': (2, 2)}


class GuideError(Exception):
    pass


class Block:
    """A marked code block: kind, its words, first line number, text."""

    def __init__(self, kind, args, line, text):
        self.kind = kind
        self.args = args
        self.line = line
        self.text = text

    @property
    def ns(self):
        return self.args[0]

    def commands(self):
        """(line number, command) for each command of the block."""
        cmds = []
        cur, start = None, None
        for i, raw in enumerate(self.text.rstrip('\n').split('\n')):
            line = raw.rstrip()
            if cur is None:
                if not line.strip() or line.lstrip().startswith('#'):
                    continue
                cur, start = '', self.line + i
            if line.endswith('\\'):
                cur += line[:-1] + ' '
                continue
            cur += line
            cmds.append((start, cur.strip()))
            cur = None
        if cur is not None:
            raise GuideError('line %d: a command ends with a backslash'
                             % start)
        return cmds


def code_block(lines, i):
    """The code block starting at lines[i]: (first line index, text, next
    index), or None if there is none there."""
    m = FENCE.match(lines[i])
    if m:
        indent, fence = len(m.group(1)), m.group(2)
        body = []
        j = i + 1
        while j < len(lines) and not lines[j].strip().startswith(fence):
            body.append(lines[j][indent:] if lines[j][:indent].isspace()
                        else lines[j].lstrip())
            j += 1
        if j == len(lines):
            raise GuideError('line %d: code block never closed' % (i + 1))
        return i + 1, '\n'.join(body) + '\n', j + 1
    if lines[i].startswith('    ') or lines[i].startswith('\t'):
        body = []
        j = i
        while j < len(lines) and (lines[j].startswith('    ') or
                                  lines[j].startswith('\t') or
                                  not lines[j].strip()):
            body.append(lines[j][4:] if lines[j].startswith('    ')
                        else lines[j][1:])
            j += 1
        while body and not body[-1].strip():
            body.pop()
            j -= 1
        return i, '\n'.join(body) + '\n', j
    return None


def parse(text):
    """The marked blocks of a guide, in order. A marker must be followed
    by a code block (blank lines may come between)."""
    lines = text.split('\n')
    blocks = []
    i = 0
    while i < len(lines):
        m = MARK.match(lines[i])
        if not m:
            i += 1
            continue
        where = i + 1
        words = m.group(1).split()
        if not words or words[0] not in KINDS:
            raise GuideError('line %d: unknown guide marker "%s" (run, bg, '
                             'check or file)' % (where, m.group(1)))
        lo, hi = KINDS[words[0]]
        if not lo <= len(words) - 1 <= hi:
            raise GuideError('line %d: "guide: %s" takes %s' %
                             (where, words[0],
                              {'run': 'NS', 'check': 'NS', 'bg': 'NS [PORT]',
                               'file': 'NS PATH'}[words[0]]))
        if words[0] == 'bg' and len(words) == 3 and \
                not (words[2].isdigit() and 0 < int(words[2]) < 65536):
            raise GuideError('line %d: bad port "%s"' % (where, words[2]))
        if words[0] == 'file' and not words[2].startswith('/'):
            raise GuideError('line %d: file path "%s" is not absolute'
                             % (where, words[2]))
        i += 1
        while i < len(lines) and not lines[i].strip():
            i += 1
        block = code_block(lines, i) if i < len(lines) else None
        if block is None:
            raise GuideError('line %d: "guide: %s" is not followed by a '
                             'code block' % (where, m.group(1)))
        first, body, i = block
        blocks.append(Block(words[0], words[1:], first + 1, body))
    return blocks


def ns_path(ns, path):
    """Where to write PATH so that commands in NS see it there."""
    if path.startswith('/etc/'):
        return os.path.join('/etc/netns', ns, path[len('/etc/'):])
    return path


class Runner:
    def __init__(self, name, timeout, dry_run, joolctl_dir):
        self.name = name
        self.timeout = timeout
        self.dry = dry_run
        self.passed = 0
        self.failed = 0
        self.bg = []
        self.work = tempfile.mkdtemp(prefix='guide.') if not dry_run else '.'
        self.env = dict(os.environ)
        self.env['PATH'] = ':'.join([joolctl_dir, '/usr/local/sbin',
                                     '/usr/local/bin', '/usr/sbin',
                                     '/usr/bin', '/sbin', '/bin'])

    def result(self, ok, what, out=''):
        if ok:
            self.passed += 1
            print('ok - %s: %s' % (self.name, what))
        else:
            self.failed += 1
            print('not ok - %s: %s' % (self.name, what))
            for line in out.rstrip('\n').split('\n')[-20:]:
                if line:
                    print('    | ' + line)
        sys.stdout.flush()

    def argv(self, ns, cmd):
        return ['ip', 'netns', 'exec', ns, 'bash', '-c', cmd]

    def sh(self, ns, cmd):
        """Run one command in NS: (success, output)."""
        if self.dry:
            print('    [%s] %s' % (ns, cmd))
            return True, ''
        p = subprocess.Popen(self.argv(ns, cmd), cwd=self.work,
                             env=self.env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT,
                             start_new_session=True)
        try:
            stdout, _ = p.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            # The whole group: what a pipeline started holds the pipe.
            os.killpg(p.pid, signal.SIGKILL)
            stdout, _ = p.communicate()
            return False, (stdout.decode(errors='replace') +
                           'timed out after %d s' % self.timeout)
        out = stdout.decode(errors='replace')
        if p.returncode:
            out += '(exit status %d)' % p.returncode
        return p.returncode == 0, out

    def do_run(self, b):
        desc = 'line %d, %s: ' % (b.line, b.ns)
        cmds = b.commands()
        for line, cmd in cmds:
            ok, out = self.sh(b.ns, cmd)
            if not ok:
                self.result(False, desc + 'line %d failed: %s'
                            % (line, cmd), out)
                return
        self.result(True, desc + '%d command%s (%s...)'
                    % (len(cmds), 's'[:len(cmds) != 1],
                       cmds[0][1][:40] if cmds else ''))

    def do_check(self, b):
        for line, cmd in b.commands():
            ok, out = self.sh(b.ns, cmd)
            self.result(ok, 'check, line %d, %s: %s' % (line, b.ns, cmd),
                        out)

    def do_file(self, b):
        path = ns_path(b.ns, b.args[1])
        what = 'line %d, %s: file %s' % (b.line, b.ns, b.args[1])
        if self.dry:
            print('    write %s (%d lines)' % (path, b.text.count('\n')))
            self.result(True, what)
            return
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'w') as f:
                f.write(b.text)
        except OSError as e:
            self.result(False, what, str(e))
            return
        self.result(True, what)

    def listening(self, ns, port):
        p = subprocess.run(['ip', 'netns', 'exec', ns, 'ss', '-Hlntu',
                            'sport = :%d' % port], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL)
        return p.returncode == 0 and p.stdout.strip() != b''

    def do_bg(self, b):
        port = int(b.args[1]) if len(b.args) > 1 else None
        what = 'line %d, %s: in the background%s' % \
            (b.line, b.ns, ', listening on %d' % port if port else '')
        if self.dry:
            for _, cmd in b.commands():
                print('    [%s] %s &' % (b.ns, cmd))
            self.result(True, what)
            return
        log = os.path.join(self.work, 'bg-%d.log' % b.line)
        with open(log, 'w') as out:
            p = subprocess.Popen(self.argv(b.ns, b.text), cwd=self.work,
                                 env=self.env, stdin=subprocess.DEVNULL,
                                 stdout=out, stderr=subprocess.STDOUT,
                                 start_new_session=True)
        self.bg.append(p)
        deadline = time.monotonic() + self.timeout
        while port and not self.listening(b.ns, port):
            if p.poll() is not None or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        ok = p.poll() is None and (not port or self.listening(b.ns, port))
        with open(log) as f:
            text = f.read()
        if p.poll() is not None:
            text += '(exited with status %d)' % p.returncode
        self.result(ok, what, text)

    def stop(self):
        for p in self.bg:
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for p in self.bg:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
        if not self.dry:
            subprocess.run(['rm', '-rf', self.work])


def main():
    ap = argparse.ArgumentParser(description='Run the commands of a '
                                 'Markdown guide in network namespaces.')
    ap.add_argument('guide', help='the Markdown file')
    ap.add_argument('-n', '--dry-run', action='store_true',
                    help='print what would run, run nothing')
    ap.add_argument('--only', metavar='NS',
                    help='run only the blocks of namespace NS')
    ap.add_argument('-t', '--timeout', type=int, default=60,
                    help='seconds per command (default 60)')
    ap.add_argument('--joolctl-dir', default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', 'usr', 'joolctl'),
        help="where joolctl is (default: this tree's)")
    args = ap.parse_args()
    name = os.path.basename(args.guide)
    try:
        with open(args.guide) as f:
            blocks = parse(f.read())
        for b in blocks:
            b.commands()
    except (OSError, GuideError) as e:
        print('guide.py: %s: %s' % (args.guide, e), file=sys.stderr)
        return 2
    if args.only:
        blocks = [b for b in blocks if b.ns == args.only]
    if not blocks:
        print('guide.py: %s: no guide blocks%s' %
              (args.guide, ' for ' + args.only if args.only else ''),
              file=sys.stderr)
        return 2
    r = Runner(name, args.timeout, args.dry_run,
               os.path.abspath(args.joolctl_dir))
    try:
        for b in blocks:
            if args.dry_run:
                print('# line %d: %s %s' % (b.line, b.kind,
                                            ' '.join(b.args)))
            getattr(r, 'do_' + b.kind)(b)
    finally:
        r.stop()
    print('%s: %d passed, %d failed' % (name, r.passed, r.failed))
    return 1 if r.failed else 0


if __name__ == '__main__':
    sys.exit(main())
