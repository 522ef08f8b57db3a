;; UTF-8 to UTF-16, for src/shared/decode-utf8.ts (which explains why). Compiled into utf8-decoder-wasm.ts by
;; scripts/build-utf8-decoder.ts.
;;
;; Decodes the bytes at [0, len) into UTF-16 code units from `out` on (an even address with room for 2 × len + 32
;; bytes: sixteen units are stored at a time); returns how many units, or -1 at the first sequence that is not
;; well-formed UTF-8 (overlong, a surrogate, beyond U+10FFFF, cut short), which the caller decodes another way.
;; The caller zeroes the 4 bytes after len, so a sequence cut short by the end fails its continuation check.
(module
  (memory (export "memory") 1)
  (func (export "decode") (param $len i32) (param $out i32) (result i32)
    (local $i i32) (local $j i32) (local $c i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $v v128) (local $m i32) (local $k i32) (local $cp i32) (local $o i32)
    (block $done
      (loop $next
        ;; Sixteen bytes at a time while they are ASCII.
        (if (i32.le_u (i32.add (local.get $i) (i32.const 16)) (local.get $len))
          (then
            (local.set $v (v128.load (local.get $i)))
            (local.set $m (i8x16.bitmask (local.get $v)))
            (local.set $o (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 1))))
            (if (i32.eqz (local.get $m))
              (then
                (v128.store (local.get $o) (i16x8.extend_low_i8x16_u (local.get $v)))
                (v128.store offset=16 (local.get $o) (i16x8.extend_high_i8x16_u (local.get $v)))
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (local.set $j (i32.add (local.get $j) (i32.const 16)))
                (br $next)))
            (local.set $k (i32.ctz (local.get $m)))
            (if (local.get $k)
              (then
                (v128.store (local.get $o) (i16x8.extend_low_i8x16_u (local.get $v)))
                (v128.store offset=16 (local.get $o) (i16x8.extend_high_i8x16_u (local.get $v)))
                (local.set $i (i32.add (local.get $i) (local.get $k)))
                (local.set $j (i32.add (local.get $j) (local.get $k))))))
          (else
            (br_if $done (i32.ge_u (local.get $i) (local.get $len)))))
        ;; One character; then more while the next byte is not ASCII.
        (loop $char
          (local.set $c (i32.load8_u (local.get $i)))
          (local.set $o (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 1))))
          (if (i32.lt_u (local.get $c) (i32.const 0x80))
            (then
              (i32.store16 (local.get $o) (local.get $c))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $next)))
          (local.set $c1 (i32.load8_u offset=1 (local.get $i)))
          (if (i32.ne (i32.and (local.get $c1) (i32.const 0xc0)) (i32.const 0x80)) (then (return (i32.const -1))))
          (if (i32.lt_u (local.get $c) (i32.const 0xe0))
            (then
              (if (i32.lt_u (local.get $c) (i32.const 0xc2)) (then (return (i32.const -1))))
              (i32.store16 (local.get $o)
                (i32.or (i32.shl (i32.and (local.get $c) (i32.const 0x1f)) (i32.const 6))
                        (i32.and (local.get $c1) (i32.const 0x3f))))
              (local.set $i (i32.add (local.get $i) (i32.const 2)))
              (local.set $j (i32.add (local.get $j) (i32.const 1))))
            (else
              (local.set $c2 (i32.load8_u offset=2 (local.get $i)))
              (if (i32.ne (i32.and (local.get $c2) (i32.const 0xc0)) (i32.const 0x80)) (then (return (i32.const -1))))
              (if (i32.lt_u (local.get $c) (i32.const 0xf0))
                (then
                  (local.set $cp
                    (i32.or (i32.or (i32.shl (i32.and (local.get $c) (i32.const 0x0f)) (i32.const 12))
                                    (i32.shl (i32.and (local.get $c1) (i32.const 0x3f)) (i32.const 6)))
                            (i32.and (local.get $c2) (i32.const 0x3f))))
                  ;; Overlong, or a surrogate's code point.
                  (if (i32.or (i32.lt_u (local.get $cp) (i32.const 0x800))
                              (i32.eq (i32.and (local.get $cp) (i32.const 0xf800)) (i32.const 0xd800)))
                    (then (return (i32.const -1))))
                  (i32.store16 (local.get $o) (local.get $cp))
                  (local.set $i (i32.add (local.get $i) (i32.const 3)))
                  (local.set $j (i32.add (local.get $j) (i32.const 1))))
                (else
                  (local.set $c3 (i32.load8_u offset=3 (local.get $i)))
                  (if (i32.ne (i32.and (local.get $c3) (i32.const 0xc0)) (i32.const 0x80)) (then (return (i32.const -1))))
                  (if (i32.ge_u (local.get $c) (i32.const 0xf8)) (then (return (i32.const -1))))
                  (local.set $cp
                    (i32.or (i32.or (i32.shl (i32.and (local.get $c) (i32.const 0x07)) (i32.const 18))
                                    (i32.shl (i32.and (local.get $c1) (i32.const 0x3f)) (i32.const 12)))
                            (i32.or (i32.shl (i32.and (local.get $c2) (i32.const 0x3f)) (i32.const 6))
                                    (i32.and (local.get $c3) (i32.const 0x3f)))))
                  (if (i32.or (i32.lt_u (local.get $cp) (i32.const 0x10000)) (i32.gt_u (local.get $cp) (i32.const 0x10ffff)))
                    (then (return (i32.const -1))))
                  (local.set $cp (i32.sub (local.get $cp) (i32.const 0x10000)))
                  (i32.store16 (local.get $o) (i32.or (i32.const 0xd800) (i32.shr_u (local.get $cp) (i32.const 10))))
                  (i32.store16 offset=2 (local.get $o) (i32.or (i32.const 0xdc00) (i32.and (local.get $cp) (i32.const 0x3ff))))
                  (local.set $i (i32.add (local.get $i) (i32.const 4)))
                  (local.set $j (i32.add (local.get $j) (i32.const 2)))))))
          (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
          (br_if $char (i32.ge_u (i32.load8_u (local.get $i)) (i32.const 0x80)))
          (br $next))))
    (local.get $j)))
