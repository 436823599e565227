/*
 * habar.h: the umbrella header of libhabar, the library behind the habar
 * programs.  Include this one; each stage has its own header beside it.
 * No type of ICU, libxml2, Hunspell or libarchive appears here: the public
 * API speaks UTF-8 as (const char *, size_t).
 */
#ifndef HABAR_H
#define HABAR_H

#include <habar/status.h>
#include <habar/data.h>
#include <habar/lines.h>
#include <habar/release.h>
#include <habar/date.h>
#include <habar/decode.h>
#include <habar/norm.h>
#include <habar/seg.h>
#include <habar/parallel.h>
#include <habar/align.h>
#include <habar/tmx.h>
#include <habar/xliff.h>
#include <habar/translit.h>
#include <habar/attach.h>
#include <habar/digest.h>
#include <habar/manifest.h>
#include <habar/pack.h>
#include <habar/html.h>
#include <habar/bundle.h>
#include <habar/batch.h>
#include <habar/spell.h>
#include <habar/import.h>
#include <habar/recognise.h>
#include <habar/make.h>
#include <habar/qa.h>
#include <habar/docx.h>

#endif
