package record

import (
	"errors"
	"io"
	"net"
	"sync"
	"time"
)

// A Conn carries application data over an established TLS session: it reads
// whole records from the underlying connection into one reused buffer and
// opens them in place, and writes records sealed in one reused buffer.
//
// It handles what a record layer must after the handshake: a peer's
// KeyUpdate (TLS 1.3: the Opener moves to the next secret; if the peer asked,
// our own KeyUpdate goes out and the Sealer follows), alerts (close_notify
// ends reading with io.EOF; user_canceled and TLS 1.2 warnings are skipped;
// any other alert ends reading with a remote [*AlertError]), and the AEAD
// usage limit (Write sends a KeyUpdate when the Sealer [Sealer.NeedsUpdate]).
// When something the peer sent is wrong, Conn sends the alert and returns the
// [*AlertError]; the error stays for every later read.
//
// One goroutine may read (Read, ReadRecord) while another writes (Write,
// KeyUpdate, Close); each side is serialized by its own lock. The Conn owns
// in and out: do not use them directly while it is in use.
type Conn struct {
	conn net.Conn

	rmu     sync.Mutex
	in      *Opener
	rbuf    []byte // records read but not yet consumed are rbuf[r0:r1]
	r0, r1  int
	rpend   []byte // application data of the last record not yet returned by Read
	rerr    error  // sticky read error
	useless int    // records in a row that carried no application data
	hs      hsScanner

	wmu        sync.Mutex
	out        *Sealer
	wbuf       []byte
	maxPayload int
	werr       error // sticky write error
	closeSent  bool
}

// maxUseless bounds the records in a row without application data (empty
// records, warning alerts, KeyUpdates, skipped handshake messages) that
// Read accepts, so that a peer cannot keep it busy forever.
const maxUseless = 64

// writeRecords is how many full records Write seals before writing them to
// the connection in one call.
const writeRecords = 4

// maxSealed is the longest record a Sealer produces: header, explicit nonce,
// 2^14+1 bytes of inner plaintext, tag.
const maxSealed = HeaderLen + explicitLen + MaxPlaintext + 1 + tagLen

var errClosed = errors.New("record: use of closed connection")

// NewConn returns a Conn reading records from c with in and writing them with
// out. Both must be for the same protocol version.
func NewConn(c net.Conn, in *Opener, out *Sealer) *Conn {
	if in == nil || out == nil {
		panic("record: NewConn with a nil Opener or Sealer")
	}
	if in.version != out.version {
		panic("record: NewConn with an Opener and a Sealer for different versions")
	}
	return &Conn{
		conn:       c,
		in:         in,
		out:        out,
		rbuf:       make([]byte, 2*MaxRecord),
		wbuf:       make([]byte, 0, writeRecords*maxSealed),
		maxPayload: MaxPlaintext,
	}
}

// SetMaxPayload sets the largest payload of the records Write sends, between
// 1 and 2^14 (the default); smaller records lower latency. A record size
// limit set on the Sealer (RFC 8449) also applies.
func (c *Conn) SetMaxPayload(n int) {
	if n < 1 || n > MaxPlaintext {
		panic("record: SetMaxPayload out of range")
	}
	c.wmu.Lock()
	c.maxPayload = n
	c.wmu.Unlock()
}

// NetConn returns the underlying connection.
func (c *Conn) NetConn() net.Conn { return c.conn }

// LocalAddr returns the local network address.
func (c *Conn) LocalAddr() net.Addr { return c.conn.LocalAddr() }

// RemoteAddr returns the remote network address.
func (c *Conn) RemoteAddr() net.Addr { return c.conn.RemoteAddr() }

// SetDeadline sets the read and write deadlines of the underlying connection.
// A Write that times out may have sent part of a record: the Conn can then
// no longer write.
func (c *Conn) SetDeadline(t time.Time) error { return c.conn.SetDeadline(t) }

// SetReadDeadline sets the read deadline of the underlying connection. A read
// that times out keeps what it has read and can be retried.
func (c *Conn) SetReadDeadline(t time.Time) error { return c.conn.SetReadDeadline(t) }

// SetWriteDeadline sets the write deadline of the underlying connection.
func (c *Conn) SetWriteDeadline(t time.Time) error { return c.conn.SetWriteDeadline(t) }

// ReadRecord returns the next record for the application: application data
// (possibly empty), or TLS 1.3 post-handshake messages other than KeyUpdate
// (such as NewSessionTicket) or TLS 1.2 handshake messages, as type
// Handshake with the record's payload (without a KeyUpdate that ended it),
// which may hold several messages or part of one. The payload is a sub-slice of the Conn's buffer, valid until
// the next call to ReadRecord or Read. After close_notify it returns io.EOF;
// if the connection ends without one, io.ErrUnexpectedEOF.
//
// Application data that Read left unread is returned first.
func (c *Conn) ReadRecord() (ContentType, []byte, error) {
	c.rmu.Lock()
	defer c.rmu.Unlock()
	if len(c.rpend) > 0 {
		data := c.rpend
		c.rpend = nil
		return ApplicationData, data, nil
	}
	return c.readRecord()
}

// Read reads application data. Handshake records ReadRecord would return are
// skipped.
func (c *Conn) Read(b []byte) (int, error) {
	c.rmu.Lock()
	defer c.rmu.Unlock()
	if len(b) == 0 {
		return 0, nil
	}
	for len(c.rpend) == 0 {
		typ, data, err := c.readRecord()
		if err != nil {
			return 0, err
		}
		if typ == ApplicationData && len(data) > 0 {
			c.rpend = data
			break
		}
		if c.useless++; c.useless > maxUseless {
			return 0, c.readFailed(&AlertError{AlertUnexpectedMessage, false, "too many records without application data"})
		}
	}
	n := copy(b, c.rpend)
	c.rpend = c.rpend[n:]
	return n, nil
}

// readRecord reads and opens records until one is for the caller.
func (c *Conn) readRecord() (ContentType, []byte, error) {
	for {
		if c.rerr != nil {
			return 0, nil, c.rerr
		}
		rec, err := c.nextRecord()
		if err != nil {
			return 0, nil, err
		}
		typ, data, err := c.in.Open(rec)
		if err != nil {
			return 0, nil, c.readFailed(err)
		}
		switch typ {
		case ApplicationData:
			if len(data) > 0 {
				c.useless = 0
			}
			return typ, data, nil
		case Alert:
			if len(data) != 2 {
				return 0, nil, c.readFailed(&AlertError{AlertDecodeError, false, "alert record is not 2 bytes long"})
			}
			level, desc := data[0], AlertDescription(data[1])
			switch {
			case level != alertLevelWarning && level != alertLevelFatal:
				return 0, nil, c.readFailed(&AlertError{AlertUnexpectedMessage, false, "alert level is not warning or fatal"})
			case desc == AlertCloseNotify:
				c.rerr = io.EOF
				return 0, nil, io.EOF
			case level == alertLevelWarning && (desc == AlertUserCanceled || c.in.version == VersionTLS12):
				// A warning user_canceled (to be followed by close_notify,
				// RFC 8446 section 6.1) and TLS 1.2 warnings do not end the
				// connection; TLS 1.3 treats every other alert as fatal.
				if c.useless++; c.useless > maxUseless {
					return 0, nil, c.readFailed(&AlertError{AlertUnexpectedMessage, false, "too many warning alerts"})
				}
				continue
			}
			c.rerr = &AlertError{Alert: desc, Remote: true}
			return 0, nil, c.rerr
		case Handshake:
			if c.in.version != VersionTLS13 {
				return typ, data, nil
			}
			msgs, req, err := c.hs.scan(data)
			if err != nil {
				return 0, nil, c.readFailed(err)
			}
			if req >= 0 {
				if err := c.handleKeyUpdate(byte(req)); err != nil {
					return 0, nil, c.readFailed(err)
				}
			}
			if len(msgs) > 0 {
				return typ, msgs, nil
			}
			if c.useless++; c.useless > maxUseless {
				return 0, nil, c.readFailed(&AlertError{AlertUnexpectedMessage, false, "too many KeyUpdates"})
			}
			continue
		}
		return 0, nil, c.readFailed(errInnerType) // Open allows nothing else
	}
}

// readFailed records a fatal read error and, if it is ours, sends its alert.
func (c *Conn) readFailed(err error) error {
	c.rerr = err
	var ae *AlertError
	if errors.As(err, &ae) && !ae.Remote {
		c.SendAlert(ae.Alert)
	}
	return err
}

const (
	alertLevelWarning = 1
	alertLevelFatal   = 2

	typeKeyUpdate       = 24
	keyUpdateNotRequest = 0
	keyUpdateRequest    = 1
)

// hsScanner follows TLS 1.3 post-handshake message boundaries across
// records, to find KeyUpdate messages among the others (NewSessionTicket,
// CertificateRequest, ...), which may share records or span several.
type hsScanner struct {
	need int     // body bytes of the current message still to come
	hdr  [4]byte // header bytes of the next message seen so far
	hdrN int
}

// scan walks the handshake record data. It returns the messages (or parts
// of messages) for the application: data, or if the record ends with a
// KeyUpdate, what precedes it; and the KeyUpdate's request_update value, or
// -1 if there was none. A KeyUpdate must end its record: handshake messages
// may not span a key change (RFC 8446 section 5.1).
func (h *hsScanner) scan(data []byte) (msgs []byte, req int, err error) {
	i := 0
	for i < len(data) {
		if h.need > 0 {
			k := min(h.need, len(data)-i)
			i += k
			h.need -= k
			continue
		}
		for h.hdrN < 4 && i < len(data) {
			h.hdr[h.hdrN] = data[i]
			h.hdrN++
			i++
		}
		if h.hdrN < 4 {
			break
		}
		h.hdrN = 0
		n := int(h.hdr[1])<<16 | int(h.hdr[2])<<8 | int(h.hdr[3])
		if h.hdr[0] != typeKeyUpdate {
			h.need = n
			continue
		}
		start := i - 4
		switch {
		case n != 1:
			return nil, -1, &AlertError{AlertDecodeError, false, "KeyUpdate body is not 1 byte"}
		case start < 0 || i+1 > len(data):
			return nil, -1, &AlertError{AlertUnexpectedMessage, false, "KeyUpdate split across records"}
		case i+1 < len(data):
			return nil, -1, &AlertError{AlertUnexpectedMessage, false, "KeyUpdate not at the end of its record"}
		case data[i] != keyUpdateNotRequest && data[i] != keyUpdateRequest:
			return nil, -1, &AlertError{AlertIllegalParameter, false, "KeyUpdate request_update is not 0 or 1"}
		}
		return data[:start], int(data[i]), nil
	}
	return data, -1, nil
}

// handleKeyUpdate processes a TLS 1.3 KeyUpdate (RFC 8446 section 4.6.3):
// the Opener moves to the next secret, and if the peer asked, our own
// KeyUpdate goes out under the current write key and the Sealer follows.
func (c *Conn) handleKeyUpdate(req byte) error {
	if err := c.in.Update(); err != nil {
		return err
	}
	if req == keyUpdateRequest {
		c.wmu.Lock()
		defer c.wmu.Unlock()
		if c.werr == nil && !c.closeSent {
			buf, err := c.appendKeyUpdate(c.wbuf[:0], false)
			if err == nil {
				err = c.write(buf)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// nextRecord returns the next whole record, still protected, a sub-slice of
// c.rbuf.
func (c *Conn) nextRecord() ([]byte, error) {
	if err := c.fill(HeaderLen); err != nil {
		return nil, err
	}
	h := c.rbuf[c.r0:c.r1]
	n := int(h[3])<<8 | int(h[4])
	maxLen := MaxCiphertext12
	if c.in.version == VersionTLS13 {
		maxLen = MaxCiphertext13
	}
	if n > maxLen {
		return nil, c.readFailed(errOverflow)
	}
	if err := c.fill(HeaderLen + n); err != nil {
		return nil, err
	}
	rec := c.rbuf[c.r0 : c.r0+HeaderLen+n]
	c.r0 += HeaderLen + n
	return rec, nil
}

// fill reads until c.rbuf[c.r0:c.r1] holds at least n bytes.
func (c *Conn) fill(n int) error {
	if c.r0 == c.r1 {
		c.r0, c.r1 = 0, 0
	}
	for c.r1-c.r0 < n {
		if len(c.rbuf)-c.r0 < n {
			copy(c.rbuf, c.rbuf[c.r0:c.r1])
			c.r1 -= c.r0
			c.r0 = 0
		}
		m, err := c.conn.Read(c.rbuf[c.r1:])
		c.r1 += m
		if c.r1-c.r0 >= n {
			return nil
		}
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			if ne, ok := err.(net.Error); !ok || !ne.Timeout() {
				c.rerr = err
			}
			return err
		}
	}
	return nil
}

// Write seals b into application data records of at most SetMaxPayload
// bytes and writes them, several records per write to the connection. It
// returns how many bytes of b were sent.
func (c *Conn) Write(b []byte) (int, error) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.werr != nil {
		return 0, c.werr
	}
	if c.closeSent {
		return 0, errClosed
	}
	sent := 0
	for len(b) > 0 {
		buf := c.wbuf[:0]
		batch := 0
		for len(b) > batch && len(buf)+2*maxSealed <= cap(buf) {
			if c.out.version == VersionTLS13 && c.out.NeedsUpdate() {
				var err error
				if buf, err = c.appendKeyUpdate(buf, false); err != nil {
					c.werr = err
					return sent, err
				}
			}
			chunk := min(len(b)-batch, c.maxPayload, c.out.MaxPayload())
			var err error
			buf, err = c.out.Seal(buf, ApplicationData, b[batch:batch+chunk])
			if err != nil {
				c.werr = err
				return sent, err
			}
			batch += chunk
		}
		if err := c.write(buf); err != nil {
			return sent, err
		}
		sent += batch
		b = b[batch:]
	}
	return sent, nil
}

// WriteRecord sends one record of type typ (application_data, or handshake
// for post-handshake messages such as NewSessionTicket; send alerts with
// SendAlert) carrying payload, which must fit in one record
// ([Sealer.MaxPayload]).
func (c *Conn) WriteRecord(typ ContentType, payload []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.werr != nil {
		return c.werr
	}
	if c.closeSent {
		return errClosed
	}
	if typ == Alert {
		return errors.New("record: WriteRecord of an alert; use SendAlert")
	}
	buf := c.wbuf[:0]
	if c.out.version == VersionTLS13 && c.out.NeedsUpdate() {
		var err error
		if buf, err = c.appendKeyUpdate(buf, false); err != nil {
			c.werr = err
			return err
		}
	}
	rec, err := c.out.Seal(buf, typ, payload)
	if err != nil {
		// The record was refused (too long, empty handshake): the Conn
		// can still write. A KeyUpdate sealed before it must still go.
		if len(buf) > 0 {
			if werr := c.write(buf); werr != nil {
				return werr
			}
		}
		return err
	}
	return c.write(rec)
}

// write writes buf to the connection; any error is fatal to writing.
func (c *Conn) write(buf []byte) error {
	if _, err := c.conn.Write(buf); err != nil {
		c.werr = err
		return err
	}
	return nil
}

// appendKeyUpdate seals a KeyUpdate message to buf under the current key and
// moves the Sealer to the next one (RFC 8446 section 4.6.3).
func (c *Conn) appendKeyUpdate(buf []byte, requestPeer bool) ([]byte, error) {
	msg := [5]byte{typeKeyUpdate, 0, 0, 1, keyUpdateNotRequest}
	if requestPeer {
		msg[4] = keyUpdateRequest
	}
	buf, err := c.out.Seal(buf, Handshake, msg[:])
	if err != nil {
		return buf, err
	}
	return buf, c.out.Update()
}

// KeyUpdate sends a TLS 1.3 KeyUpdate and moves to the next write key; with
// requestPeer the peer is asked to update its own (its KeyUpdate is then
// handled by the reading side). It returns an error for TLS 1.2.
func (c *Conn) KeyUpdate(requestPeer bool) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.out.version != VersionTLS13 {
		return errUpdate12
	}
	if c.werr != nil {
		return c.werr
	}
	if c.closeSent {
		return errClosed
	}
	buf, err := c.appendKeyUpdate(c.wbuf[:0], requestPeer)
	if err != nil {
		c.werr = err
		return err
	}
	return c.write(buf)
}

// SendAlert sends a fatal alert (close_notify and user_canceled are sent as
// warnings, as TLS 1.2 requires) and ends writing: later writes fail.
func (c *Conn) SendAlert(a AlertDescription) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.sendAlert(a)
}

func (c *Conn) sendAlert(a AlertDescription) error {
	if c.werr != nil {
		return c.werr
	}
	if c.closeSent {
		return errClosed
	}
	level := byte(alertLevelFatal)
	if a == AlertCloseNotify || a == AlertUserCanceled {
		level = alertLevelWarning
	}
	msg := [2]byte{level, byte(a)}
	buf, err := c.out.Seal(c.wbuf[:0], Alert, msg[:])
	if err == nil {
		err = c.write(buf)
	}
	c.closeSent = true
	return err
}

// CloseWrite sends close_notify; the Conn can still read. If the underlying
// connection has a CloseWrite method (TCP), it is called too.
func (c *Conn) CloseWrite() error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	err := c.sendAlert(AlertCloseNotify)
	if cw, ok := c.conn.(interface{ CloseWrite() error }); ok && err == nil {
		err = cw.CloseWrite()
	}
	return err
}

// Close sends close_notify if nothing ended writing before, and closes the
// underlying connection. If a Write is in progress (for example blocked on a
// peer that does not read), close_notify is not sent and closing the
// connection ends that Write.
func (c *Conn) Close() error {
	var alertErr error
	if c.wmu.TryLock() {
		if !c.closeSent && c.werr == nil {
			alertErr = c.sendAlert(AlertCloseNotify)
		}
		c.wmu.Unlock()
	}
	if err := c.conn.Close(); err != nil {
		return err
	}
	return alertErr
}
